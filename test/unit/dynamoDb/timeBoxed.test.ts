import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isConditionFailure, timeBoxed } from '../../../src/dynamoDb/timeBoxed';

const timedOut = new Error('timed out');

/** A request that settles only when told to, and records its signal. */
const pendingRequest = () => {
  let signal: AbortSignal | undefined;
  let answer: (value: string) => void = () => undefined;
  const send = (given: AbortSignal) => {
    signal = given;
    return new Promise<string>((resolve) => {
      answer = resolve;
    });
  };
  return { send, signal: () => signal, answer: (v: string) => answer(v) };
};

describe('timeBoxed', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('answers with the request when it settles in time, and clears its timer', async () => {
    const request = pendingRequest();
    const result = timeBoxed(request.send, 200, timedOut);

    request.answer('item');

    await expect(result).resolves.toBe('item');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects at the timeout and aborts the request, even one that ignores it', async () => {
    const request = pendingRequest();
    const result = timeBoxed(request.send, 200, timedOut);
    const outcome = expect(result).rejects.toBe(timedOut);

    await vi.advanceTimersByTimeAsync(200);

    await outcome;
    expect(request.signal()?.reason).toBe(timedOut);
  });

  it('rejects with the outer reason as soon as the outer signal aborts', async () => {
    const request = pendingRequest();
    const outer = new AbortController();
    const result = timeBoxed(request.send, 200, timedOut, outer.signal);
    const reason = new Error('invocation ended');

    outer.abort(reason);

    await expect(result).rejects.toBe(reason);
    expect(request.signal()?.aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sends nothing when the outer signal has already aborted', async () => {
    const send = vi.fn();
    const outer = AbortSignal.abort(new Error('gone'));

    await expect(timeBoxed(send, 200, timedOut, outer)).rejects.toThrow('gone');
    expect(send).not.toHaveBeenCalled();
  });

  it('passes a request error through and clears its timer', async () => {
    const failure = new Error('refused');

    const result = timeBoxed(() => Promise.reject(failure), 200, timedOut);

    await expect(result).rejects.toBe(failure);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('isConditionFailure', () => {
  it('recognises a failed condition by its name only', () => {
    expect(
      isConditionFailure({ name: 'ConditionalCheckFailedException' }),
    ).toBe(true);
    expect(isConditionFailure(new Error('other'))).toBe(false);
    expect(isConditionFailure(undefined)).toBe(false);
  });
});
