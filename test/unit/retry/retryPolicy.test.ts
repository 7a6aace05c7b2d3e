import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AttemptTimeoutError,
  BulkheadFullError,
  CircuitOpenError,
  DeadlineExceededError,
  PaymentNotFoundError,
  RetriesExhaustedError,
  RetryBudgetExhaustedError,
  UpstreamStatusError,
} from '../../../src/errors';
import type { CallScope } from '../../../src/pipeline';
import { RetryBudget } from '../../../src/retry/retryBudget';
import {
  type RetryOptions,
  resolveRetryOptions,
} from '../../../src/retry/retryOptions';
import { RetryPolicy } from '../../../src/retry/retryPolicy';
import { callScope } from '../../support/callScope';

const silentLogger = () => ({
  debug: vi.fn(),
  info: vi.fn(),
  warn: vi.fn(),
  error: vi.fn(),
});

const policyWith = (options: RetryOptions = {}) =>
  new RetryPolicy(
    resolveRetryOptions({
      random: () => 0.5,
      logger: silentLogger(),
      ...options,
    }),
  );

const scopeWith = (
  overrides: Partial<CallScope> = {},
  expiresAtInMillis = 10_000,
) => callScope({ expiresAtInMillis, ...overrides });

/** An operation that fails with the given errors in turn, then answers 'ok'. */
const failingWith = (...failures: Error[]) => {
  const attempts: number[] = [];
  const operation = vi.fn(async (scope: CallScope) => {
    attempts.push(scope.attempt);
    const failure = failures[attempts.length - 1];
    if (failure) throw failure;
    return 'ok';
  });
  return { operation, attempts };
};

describe('RetryPolicy', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('retries two 503s and returns the third attempt answer', async () => {
    const { operation, attempts } = failingWith(
      new UpstreamStatusError(503),
      new UpstreamStatusError(503),
    );

    const result = policyWith().execute(operation, scopeWith());
    await vi.runAllTimersAsync();

    await expect(result).resolves.toBe('ok');
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('waits a full-jitter delay before each retry', async () => {
    const { operation } = failingWith(
      new UpstreamStatusError(500),
      new UpstreamStatusError(500),
    );

    const result = policyWith().execute(operation, scopeWith());
    await vi.advanceTimersByTimeAsync(49);
    const callsBeforeFirstDelay = operation.mock.calls.length;
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(99);
    const callsBeforeSecondDelay = operation.mock.calls.length;
    await vi.advanceTimersByTimeAsync(1);

    expect(callsBeforeFirstDelay).toBe(1);
    expect(callsBeforeSecondDelay).toBe(2);
    await expect(result).resolves.toBe('ok');
  });

  it('gives up after the maximum attempts with the last failure as cause', async () => {
    const last = new UpstreamStatusError(503, { retryAfterInMillis: 4_000 });
    const { operation } = failingWith(
      new UpstreamStatusError(502),
      new AttemptTimeoutError(2_000),
      last,
    );

    const result = policyWith({ maxDelayInMillis: 5_000 }).execute(
      operation,
      scopeWith({}, 60_000),
    );
    const assertion = expect(result).rejects.toMatchObject({
      code: 'RETRIES_EXHAUSTED',
      attempts: 3,
      cause: last,
      retryAfterInMillis: 4_000,
    });
    await vi.runAllTimersAsync();

    await assertion;
    expect(operation).toHaveBeenCalledTimes(3);
  });

  it.each([
    ['a 404', new PaymentNotFoundError('payment not found')],
    ['a 400 from the service', new UpstreamStatusError(400)],
    ['an open circuit', new CircuitOpenError('payments')],
    ['a full bulkhead', new BulkheadFullError('payments')],
    ['a bug', new TypeError('undefined is not a function')],
  ])('does not retry %s and rethrows it unchanged', async (_, failure) => {
    const { operation } = failingWith(failure);

    const result = policyWith().execute(operation, scopeWith());

    await expect(result).rejects.toBe(failure);
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('does not retry a call marked non-idempotent', async () => {
    const failure = new UpstreamStatusError(503);
    const { operation } = failingWith(failure);

    const result = policyWith().execute(
      operation,
      scopeWith({ idempotent: false }),
    );

    await expect(result).rejects.toBe(failure);
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('retries a non-idempotent call when told it may', async () => {
    const { operation } = failingWith(new UpstreamStatusError(503));

    const result = policyWith({ retryNonIdempotent: true }).execute(
      operation,
      scopeWith({ idempotent: false }),
    );
    await vi.runAllTimersAsync();

    await expect(result).resolves.toBe('ok');
  });

  it('waits at least as long as Retry-After asks', async () => {
    const { operation } = failingWith(
      new UpstreamStatusError(429, { retryAfterInMillis: 1_000 }),
    );

    const result = policyWith().execute(operation, scopeWith());
    await vi.advanceTimersByTimeAsync(999);
    const callsBeforeRetryAfter = operation.mock.calls.length;
    await vi.advanceTimersByTimeAsync(1);

    expect(callsBeforeRetryAfter).toBe(1);
    await expect(result).resolves.toBe('ok');
  });

  it('gives up at once when Retry-After would pass the deadline', async () => {
    const failure = new UpstreamStatusError(503, {
      retryAfterInMillis: 30_000,
    });
    const { operation } = failingWith(failure);

    const result = policyWith().execute(operation, scopeWith({}, 5_000));

    await expect(result).rejects.toMatchObject({
      code: 'DEADLINE_EXCEEDED',
      cause: failure,
      retryAfterInMillis: 30_000,
    });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not start an attempt that cannot get its minimum time', async () => {
    const { operation } = failingWith(new UpstreamStatusError(503));
    vi.setSystemTime(4_900);

    const result = policyWith({ minAttemptTimeInMillis: 100 }).execute(
      operation,
      scopeWith({}, 5_000),
    );

    await expect(result).rejects.toBeInstanceOf(DeadlineExceededError);
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('ends a backoff at once when the invocation aborts', async () => {
    const invocation = new AbortController();
    const failure = new UpstreamStatusError(503, { retryAfterInMillis: 3_000 });
    const { operation } = failingWith(failure);

    const result = policyWith().execute(
      operation,
      scopeWith({ signal: invocation.signal }),
    );
    await vi.advanceTimersByTimeAsync(10);
    invocation.abort(new Error('early timeout'));

    await expect(result).rejects.toMatchObject({
      code: 'DEADLINE_EXCEEDED',
      cause: failure,
    });
    expect(operation).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops retrying when the budget is empty', async () => {
    const budget = new RetryBudget({ capacity: 5 });
    const { operation } = failingWith(
      new UpstreamStatusError(503),
      new UpstreamStatusError(503),
    );

    const result = policyWith({ budget }).execute(operation, scopeWith());
    const assertion = expect(result).rejects.toMatchObject({
      code: 'RETRY_BUDGET_EXHAUSTED',
      attempts: 2,
    });
    await vi.runAllTimersAsync();

    await assertion;
    await expect(result).rejects.toBeInstanceOf(RetryBudgetExhaustedError);
    expect(operation).toHaveBeenCalledTimes(2);
  });

  it('retries again once successes have refilled the budget', async () => {
    const budget = new RetryBudget({ capacity: 5 });
    budget.tryAcquire(false);
    const policy = policyWith({ budget });
    for (let i = 0; i < 5; i++) {
      await policy.execute(async () => 'ok', scopeWith());
    }
    const { operation } = failingWith(new UpstreamStatusError(503));

    const result = policy.execute(operation, scopeWith());
    await vi.runAllTimersAsync();

    await expect(result).resolves.toBe('ok');
  });

  it('retries without limit of tokens when the budget is off', async () => {
    const policy = policyWith({ budget: false, maxAttempts: 2 });
    const outcomes: Promise<unknown>[] = [];

    for (let i = 0; i < 200; i++) {
      const { operation } = failingWith(new UpstreamStatusError(503));
      outcomes.push(policy.execute(operation, scopeWith({}, 1e9)));
    }
    await vi.runAllTimersAsync();

    await expect(Promise.all(outcomes)).resolves.toHaveLength(200);
  });

  it('logs each retry at debug and the give-up at warn, and counts both', async () => {
    const logger = silentLogger();
    const metrics = { count: vi.fn() };
    const { operation } = failingWith(
      new UpstreamStatusError(503),
      new UpstreamStatusError(503),
    );

    const result = policyWith({ logger, metrics, maxAttempts: 2 }).execute(
      operation,
      scopeWith(),
    );
    const assertion = expect(result).rejects.toBeInstanceOf(
      RetriesExhaustedError,
    );
    await vi.runAllTimersAsync();
    await assertion;

    expect(logger.debug).toHaveBeenCalledExactlyOnceWith('retrying call', {
      attempt: 1,
      delayInMillis: 50,
      reason: 'upstream_error',
    });
    expect(logger.warn).toHaveBeenCalledExactlyOnceWith('retries given up', {
      attempts: 2,
      reason: 'retries_exhausted',
      lastReason: 'upstream_error',
      retryAfterInMillis: undefined,
    });
    expect(metrics.count).toHaveBeenCalledWith('retries', {
      reason: 'upstream_error',
    });
    expect(metrics.count).toHaveBeenCalledWith('retryGiveUps', {
      reason: 'retries_exhausted',
    });
  });

  it('logs nothing on the healthy path', async () => {
    const logger = silentLogger();

    await policyWith({ logger }).execute(async () => 'ok', scopeWith());

    expect(logger.debug).not.toHaveBeenCalled();
    expect(logger.warn).not.toHaveBeenCalled();
  });
});
