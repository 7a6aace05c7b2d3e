import type { Request } from '@middy/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError } from '../../../src/errors';
import { timeouts } from '../../../src/middlewares/timeouts';
import { resilience } from '../../../src/pipeline';

const requestWith = (context: object) => ({ context }) as unknown as Request;

describe('timeouts', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sets the deadline to the remaining time minus the reserve', () => {
    const middleware = timeouts({ reserveInMillis: 500, now: () => 1_000 });
    const request = requestWith({ getRemainingTimeInMillis: () => 6_000 });

    middleware.before?.(request);

    const pipeline = resilience(request.context);
    expect(pipeline.deadline.expiresAtInMillis).toBe(6_500);
  });

  it('uses the default budget when the context cannot tell its remaining time', () => {
    const middleware = timeouts({
      defaultBudgetInMillis: 1_234,
      now: () => 0,
    });
    const request = requestWith({});

    middleware.before?.(request);

    expect(resilience(request.context).deadline.expiresAtInMillis).toBe(1_234);
  });

  it('gives each attempt the attempt timeout', async () => {
    vi.useFakeTimers({ now: 0 });
    const middleware = timeouts({ attemptTimeoutInMillis: 1_500 });
    const request = requestWith({ getRemainingTimeInMillis: () => 6_000 });
    middleware.before?.(request);

    const result = resilience(request.context).execute(
      (scope) =>
        new Promise((_, reject) => {
          scope.signal.addEventListener('abort', () =>
            reject(scope.signal.reason),
          );
        }),
    );
    const assertion = expect(result).rejects.toMatchObject({
      code: 'ATTEMPT_TIMEOUT',
      timeoutInMillis: 1_500,
    });
    await vi.advanceTimersByTimeAsync(1_500);

    await assertion;
  });

  it('checks its options once, when it is created', () => {
    expect(() => timeouts({ attemptTimeoutInMillis: -5 })).toThrow(
      ConfigurationError,
    );
  });
});
