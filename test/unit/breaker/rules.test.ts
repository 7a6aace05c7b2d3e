import { describe, expect, it } from 'vitest';
import { resolveRules } from '../../../src/breaker/rules';
import { ConfigurationError } from '../../../src/errors';

describe('resolveRules', () => {
  it('applies the documented defaults', () => {
    expect(resolveRules()).toMatchObject({
      failureThreshold: 5,
      failureRateThresholdPercent: undefined,
      failureRateWindowInMillis: 60_000,
      failureRateMinimumCalls: 20,
      bucketInMillis: 10_000,
      resetTimeoutInMillis: 60_000,
      resetTimeoutMultiplier: 1,
      maxResetTimeoutInMillis: 600_000,
      successThreshold: 1,
      maxLeaseInMillis: 30_000,
    });
  });

  it.each([
    [{ failureThreshold: 0 }, 'failureThreshold'],
    [{ failureThreshold: 2.5 }, 'failureThreshold'],
    [{ failureRateThresholdPercent: 150 }, 'failureRateThresholdPercent'],
    [{ resetTimeoutInMillis: -1 }, 'resetTimeoutInMillis'],
    [{ resetTimeoutMultiplier: 0.5 }, 'resetTimeoutMultiplier'],
    [
      { resetTimeoutInMillis: 10_000, maxResetTimeoutInMillis: 5_000 },
      'maxResetTimeoutInMillis',
    ],
    [{ successThreshold: 0 }, 'successThreshold'],
    [{ slowCallThresholdInMillis: 0 }, 'slowCallThresholdInMillis'],
  ])('rejects %o', (options, option) => {
    expect(() => resolveRules(options)).toThrow(ConfigurationError);
    expect(() => resolveRules(options)).toThrow(option);
  });
});
