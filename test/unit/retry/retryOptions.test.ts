import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/errors';
import { RetryBudget } from '../../../src/retry/retryBudget';
import { resolveRetryOptions } from '../../../src/retry/retryOptions';

describe('resolveRetryOptions', () => {
  it('applies the documented defaults', () => {
    const config = resolveRetryOptions();

    expect(config).toMatchObject({
      maxAttempts: 3,
      baseDelayInMillis: 100,
      maxDelayInMillis: 2_000,
      minAttemptTimeInMillis: 100,
      retryNonIdempotent: false,
    });
    expect(config.budget?.availableTokens).toBe(500);
  });

  it('shares a budget instance it is given', () => {
    const budget = new RetryBudget();

    expect(resolveRetryOptions({ budget }).budget).toBe(budget);
  });

  it('turns the budget off when told', () => {
    expect(resolveRetryOptions({ budget: false }).budget).toBeUndefined();
  });

  it.each([
    [{ maxAttempts: 0 }, /maxAttempts/],
    [{ maxAttempts: 2.5 }, /maxAttempts/],
    [{ baseDelayInMillis: -1 }, /baseDelayInMillis/],
    [{ maxDelayInMillis: 50 }, /maxDelayInMillis/],
    [{ minAttemptTimeInMillis: Number.NaN }, /minAttemptTimeInMillis/],
    [{ budget: { capacity: -1 } }, /capacity/],
  ])('rejects %j at construction', (options, message) => {
    expect(() => resolveRetryOptions(options)).toThrow(ConfigurationError);
    expect(() => resolveRetryOptions(options)).toThrow(message);
  });
});
