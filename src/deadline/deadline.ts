import type { Clock } from '../clock';

/**
 * The point in time by which an invocation must have its answer ready.
 * A value object: it never starts a timer, it only tells how much time is left.
 */
export class Deadline {
  constructor(
    /** When the deadline passes, in epoch milliseconds. */
    readonly expiresAtInMillis: number,
    private readonly now: Clock,
    /**
     * Time kept after the deadline for the fallback, the response and state
     * writes (see {@link Deadline.remainingForStateWritesInMillis}).
     */
    readonly reserveInMillis = 0,
  ) {}

  /**
   * A deadline `remainingInMillis - reserveInMillis` from now. The reserve is
   * kept back for the fallback, the response and state writes.
   */
  static fromRemainingTime(
    remainingInMillis: number,
    reserveInMillis: number,
    now: Clock,
  ): Deadline {
    const budgetInMillis = Math.max(0, remainingInMillis - reserveInMillis);
    const keptInMillis = Math.min(reserveInMillis, remainingInMillis);
    return new Deadline(now() + budgetInMillis, now, keptInMillis);
  }

  /** A deadline that never passes, for calls made outside an invocation. */
  static never(now: Clock): Deadline {
    return new Deadline(Number.POSITIVE_INFINITY, now);
  }

  /** Time left before the deadline, never negative. */
  remainingInMillis(): number {
    return Math.max(0, this.expiresAtInMillis - this.now());
  }

  /**
   * Time left for recording what a call did (a breaker's failure count, a
   * probe's verdict): the time before the deadline plus the reserve. A call
   * cut off at the deadline must still be counted, so state writes may use
   * the reserve that calls may not.
   */
  remainingForStateWritesInMillis(): number {
    return Math.max(
      0,
      this.expiresAtInMillis + this.reserveInMillis - this.now(),
    );
  }

  /** True once no time is left. */
  hasPassed(): boolean {
    return this.now() >= this.expiresAtInMillis;
  }
}
