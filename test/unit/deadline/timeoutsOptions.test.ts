import { describe, expect, it } from 'vitest';
import { resolveTimeoutsOptions } from '../../../src/deadline/timeoutsOptions';
import { ConfigurationError } from '../../../src/errors';

describe('resolveTimeoutsOptions', () => {
  it('applies the documented defaults', () => {
    const config = resolveTimeoutsOptions();

    expect(config).toMatchObject({
      reserveInMillis: 300,
      attemptTimeoutInMillis: 2_000,
      defaultBudgetInMillis: 3_000,
    });
  });

  it('keeps a default when an option is given as undefined', () => {
    const config = resolveTimeoutsOptions({ reserveInMillis: undefined });

    expect(config.reserveInMillis).toBe(300);
  });

  it.each([
    [{ reserveInMillis: -1 }, /reserveInMillis/],
    [{ attemptTimeoutInMillis: 0 }, /attemptTimeoutInMillis/],
    [{ defaultBudgetInMillis: Number.NaN }, /defaultBudgetInMillis/],
    [{ attemptTimeoutInMillis: Number.POSITIVE_INFINITY }, /finite/],
  ])('rejects %j at construction', (options, message) => {
    expect(() => resolveTimeoutsOptions(options)).toThrow(ConfigurationError);
    expect(() => resolveTimeoutsOptions(options)).toThrow(message);
  });
});
