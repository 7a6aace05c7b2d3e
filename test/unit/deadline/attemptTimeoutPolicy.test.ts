import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AttemptTimeoutPolicy } from '../../../src/deadline/attemptTimeoutPolicy';
import {
  AttemptTimeoutError,
  DeadlineExceededError,
  UpstreamStatusError,
} from '../../../src/errors';
import type { CallScope } from '../../../src/pipeline';
import { callScope } from '../../support/callScope';

const scopeWith = (
  overrides: Partial<CallScope> = {},
  expiresAtInMillis = 10_000,
) => callScope({ expiresAtInMillis, ...overrides });

// Like fetch: rejects with the signal's reason once the signal aborts.
const hangingCall = (scope: CallScope): Promise<never> =>
  new Promise((_, reject) => {
    scope.signal.addEventListener('abort', () => reject(scope.signal.reason));
  });

describe('AttemptTimeoutPolicy', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('returns the result and clears its timer on success', async () => {
    const policy = new AttemptTimeoutPolicy(2_000);

    const result = await policy.execute(async () => 'ok', scopeWith());

    expect(result).toBe('ok');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gives the operation a signal of its own, not the caller signal', async () => {
    const policy = new AttemptTimeoutPolicy(2_000);
    const scope = scopeWith({ attempt: 2 });

    const seen = await policy.execute(async (s) => s, scope);

    expect(seen.signal).not.toBe(scope.signal);
    expect(seen.signal.aborted).toBe(false);
    expect(seen).toMatchObject({ attempt: 2, deadline: scope.deadline });
  });

  it('aborts the operation when the attempt timeout fires', async () => {
    const policy = new AttemptTimeoutPolicy(2_000);
    let signal: AbortSignal | undefined;

    const result = policy.execute((scope) => {
      signal = scope.signal;
      return hangingCall(scope);
    }, scopeWith());
    const assertion =
      expect(result).rejects.toBeInstanceOf(AttemptTimeoutError);
    await vi.advanceTimersByTimeAsync(2_000);

    await assertion;
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toMatchObject({ timeoutInMillis: 2_000 });
  });

  it('shortens the attempt to the time left before the deadline', async () => {
    const policy = new AttemptTimeoutPolicy(2_000);

    const result = policy.execute(hangingCall, scopeWith({}, 500));
    const assertion = expect(result).rejects.toMatchObject({
      timeoutInMillis: 500,
    });
    await vi.advanceTimersByTimeAsync(500);

    await assertion;
  });

  it('wraps what the operation threw after its timeout as the cause', async () => {
    const policy = new AttemptTimeoutPolicy(100);
    const socketError = new Error('socket closed');

    const result = policy.execute(
      (scope) =>
        new Promise((_, reject) => {
          scope.signal.addEventListener('abort', () => reject(socketError));
        }),
      scopeWith(),
    );
    const assertion = expect(result).rejects.toMatchObject({
      code: 'ATTEMPT_TIMEOUT',
      cause: socketError,
    });
    await vi.advanceTimersByTimeAsync(100);

    await assertion;
  });

  it('aborts the operation when the invocation signal aborts', async () => {
    const policy = new AttemptTimeoutPolicy(2_000);
    const invocation = new AbortController();
    let signal: AbortSignal | undefined;

    const result = policy.execute(
      (scope) => {
        signal = scope.signal;
        return hangingCall(scope);
      },
      scopeWith({ signal: invocation.signal }),
    );
    invocation.abort(new Error('early timeout'));

    await expect(result).rejects.toBeInstanceOf(DeadlineExceededError);
    expect(signal?.reason).toEqual(new Error('early timeout'));
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops listening to the invocation signal once the attempt settles', async () => {
    const policy = new AttemptTimeoutPolicy(2_000);
    const invocation = new AbortController();
    const remove = vi.spyOn(invocation.signal, 'removeEventListener');

    await policy.execute(
      async () => 'ok',
      scopeWith({ signal: invocation.signal }),
    );

    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
  });

  it('passes other failures through unchanged', async () => {
    const policy = new AttemptTimeoutPolicy(2_000);
    const failure = new UpstreamStatusError(503);

    const result = policy.execute(() => Promise.reject(failure), scopeWith());

    await expect(result).rejects.toBe(failure);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not send an attempt with less than the least useful time left', async () => {
    const policy = new AttemptTimeoutPolicy(2_000, 100);
    const operation = vi.fn(async () => 'ok');

    const call = policy.execute(operation, scopeWith({}, 99));

    await expect(call).rejects.toBeInstanceOf(DeadlineExceededError);
    expect(operation).not.toHaveBeenCalled();
  });

  it('sends an attempt that has the least useful time left', async () => {
    const policy = new AttemptTimeoutPolicy(2_000, 100);

    const result = await policy.execute(async () => 'ok', scopeWith({}, 100));

    expect(result).toBe('ok');
  });

  it('never asks for more than the attempt timeout itself', async () => {
    const policy = new AttemptTimeoutPolicy(50, 100);

    const result = await policy.execute(async () => 'ok', scopeWith({}, 60));

    expect(result).toBe('ok');
  });

  it('does not call the operation once the deadline has passed', async () => {
    const policy = new AttemptTimeoutPolicy(2_000);
    const operation = vi.fn(async () => 'ok');

    const result = policy.execute(operation, scopeWith({}, 0));

    await expect(result).rejects.toBeInstanceOf(DeadlineExceededError);
    expect(operation).not.toHaveBeenCalled();
  });

  it('does not call the operation when the invocation is already aborted', async () => {
    const policy = new AttemptTimeoutPolicy(2_000);
    const operation = vi.fn(async () => 'ok');
    const signal = AbortSignal.abort();

    const result = policy.execute(operation, scopeWith({ signal }));

    await expect(result).rejects.toBeInstanceOf(DeadlineExceededError);
    expect(operation).not.toHaveBeenCalled();
  });
});
