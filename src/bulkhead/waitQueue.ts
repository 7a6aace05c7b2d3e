/** A queued call: settled exactly once, by hand-over, timeout or abort. */
interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
  signal: AbortSignal;
  timer: ReturnType<typeof setTimeout> | undefined;
  onAbort: () => void;
}

/**
 * The calls waiting for a bulkhead permit, oldest first. A permit given
 * back is handed straight to the oldest waiter, so a waiter never races a
 * newcomer for it. Every waiter leaves the queue when it is granted, times
 * out or is aborted, whichever comes first.
 */
export class WaitQueue {
  private readonly waiters: Waiter[] = [];

  constructor(
    /** How many calls may wait at once. */
    private readonly capacity: number,
  ) {}

  /** How many calls are waiting. */
  get length(): number {
    return this.waiters.length;
  }

  /** True when another waiter would exceed the capacity. */
  isFull(): boolean {
    return this.waiters.length >= this.capacity;
  }

  /**
   * Waits for a permit from {@link WaitQueue.handOver}. Rejects with
   * `timeoutError()` after `waitInMillis`, or with the signal's reason when
   * it aborts first.
   */
  wait(
    signal: AbortSignal,
    waitInMillis: number,
    timeoutError: () => Error,
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        timer: undefined,
        onAbort: () => this.leave(waiter, signal.reason),
      };
      if (Number.isFinite(waitInMillis)) {
        waiter.timer = setTimeout(
          () => this.leave(waiter, timeoutError()),
          waitInMillis,
        );
      }
      signal.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** Gives a permit to the oldest waiter; false when nobody waits. */
  handOver(): boolean {
    const waiter = this.waiters.shift();
    if (waiter === undefined) return false;

    this.forget(waiter);
    waiter.resolve();
    return true;
  }

  private leave(waiter: Waiter, error: unknown): void {
    const index = this.waiters.indexOf(waiter);
    if (index === -1) return;

    this.waiters.splice(index, 1);
    this.forget(waiter);
    waiter.reject(error);
  }

  private forget(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    waiter.signal.removeEventListener('abort', waiter.onAbort);
  }
}
