import type { Request } from '@middy/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, UpstreamStatusError } from '../../../src/errors';
import { retry } from '../../../src/middlewares/retry';
import { resilience } from '../../../src/pipeline';
import { RetryBudget } from '../../../src/retry/retryBudget';

const newRequest = () => ({ context: {} }) as unknown as Request;

const failOnceThenAnswer = () => {
  let calls = 0;
  return async () => {
    calls += 1;
    if (calls === 1) throw new UpstreamStatusError(503);
    return calls;
  };
};

describe('retry', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('installs a policy that re-runs only the downstream call', async () => {
    const middleware = retry({ random: () => 0 });
    const request = newRequest();
    middleware.before?.(request);

    const result = resilience(request.context).execute(failOnceThenAnswer());
    await vi.runAllTimersAsync();

    await expect(result).resolves.toBe(2);
  });

  it('shares one budget across the invocations of an environment', async () => {
    const budget = new RetryBudget({ capacity: 5 });
    const middleware = retry({ budget, random: () => 0 });
    const first = newRequest();
    const second = newRequest();
    middleware.before?.(first);
    middleware.before?.(second);

    const firstResult = resilience(first.context).execute(failOnceThenAnswer());
    await vi.runAllTimersAsync();
    await firstResult;
    const secondResult = resilience(second.context).execute(
      failOnceThenAnswer(),
    );

    await expect(secondResult).rejects.toMatchObject({
      code: 'RETRY_BUDGET_EXHAUSTED',
    });
  });

  it('checks its options once, when it is created', () => {
    expect(() => retry({ maxAttempts: 0 })).toThrow(ConfigurationError);
  });
});
