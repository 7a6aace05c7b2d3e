import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/errors';
import { RetryBudget } from '../../../src/retry/retryBudget';

describe('RetryBudget', () => {
  it('starts full with 500 tokens', () => {
    expect(new RetryBudget().availableTokens).toBe(500);
  });

  it('pays for 100 retries from a full bucket, then refuses', () => {
    const budget = new RetryBudget();

    const granted = Array.from({ length: 101 }, () => budget.tryAcquire(false));

    expect(granted.filter(Boolean)).toHaveLength(100);
    expect(granted.at(-1)).toBe(false);
    expect(budget.availableTokens).toBe(0);
  });

  it('charges a retry after a timeout double', () => {
    const budget = new RetryBudget();

    budget.tryAcquire(true);

    expect(budget.availableTokens).toBe(490);
  });

  it('takes nothing when it refuses', () => {
    const budget = new RetryBudget({ capacity: 12 });

    budget.tryAcquire(true);
    const granted = budget.tryAcquire(true);

    expect(granted).toBe(false);
    expect(budget.availableTokens).toBe(2);
  });

  it('refills by one token per success, up to the capacity', () => {
    const budget = new RetryBudget({ capacity: 10 });
    budget.tryAcquire(false);
    budget.tryAcquire(false);

    for (let i = 0; i < 5; i++) budget.recordSuccess();
    expect(budget.tryAcquire(false)).toBe(true);
    for (let i = 0; i < 50; i++) budget.recordSuccess();

    expect(budget.availableTokens).toBe(10);
  });

  it('follows the configured costs and refill', () => {
    const budget = new RetryBudget({
      capacity: 3,
      retryCost: 2,
      successRefill: 2,
    });

    expect(budget.tryAcquire(false)).toBe(true);
    expect(budget.tryAcquire(false)).toBe(false);
    budget.recordSuccess();
    expect(budget.tryAcquire(false)).toBe(true);
  });

  it('rejects a negative or fractional setting', () => {
    expect(() => new RetryBudget({ retryCost: -1 })).toThrow(
      ConfigurationError,
    );
    expect(() => new RetryBudget({ capacity: 1.5 })).toThrow(/capacity/);
  });
});
