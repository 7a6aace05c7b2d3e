import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cancellableSleep } from '../../../src/retry/sleep';

describe('cancellableSleep', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves true once the full delay has passed', async () => {
    const slept = cancellableSleep(500, new AbortController().signal);

    await vi.advanceTimersByTimeAsync(500);

    await expect(slept).resolves.toBe(true);
  });

  it('ends at once when the signal aborts', async () => {
    const controller = new AbortController();
    let settled = false;
    const slept = cancellableSleep(10_000, controller.signal).finally(() => {
      settled = true;
    });

    await vi.advanceTimersByTimeAsync(10);
    controller.abort(new Error('early timeout'));
    await Promise.resolve();

    expect(settled).toBe(true);
    await expect(slept).resolves.toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not wait when the signal has already aborted', async () => {
    const slept = cancellableSleep(10_000, AbortSignal.abort());

    await expect(slept).resolves.toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});
