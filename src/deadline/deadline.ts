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
    return new Deadline(now() + budgetInMillis, now);
  }

  /** A deadline that never passes, for calls made outside an invocation. */
  static never(now: Clock): Deadline {
    return new Deadline(Number.POSITIVE_INFINITY, now);
  }

  /** Time left before the deadline, never negative. */
  remainingInMillis(): number {
    return Math.max(0, this.expiresAtInMillis - this.now());
  }

  /** True once no time is left. */
  hasPassed(): boolean {
    return this.now() >= this.expiresAtInMillis;
  }
}
