import type { Clock } from '../../src/clock';
import { Deadline } from '../../src/deadline/deadline';
import type { CallScope } from '../../src/pipeline';

/** What a test may set on a {@link callScope}; every field is optional. */
export interface CallScopeOptions extends Partial<CallScope> {
  /**
   * The clock the deadline reads.
   * @default Date.now
   */
  now?: Clock;
  /**
   * Time from `now()` until the deadline passes. Ignored when `deadline` or
   * `expiresAtInMillis` is given.
   * @default 10_000
   */
  remainingInMillis?: number;
  /**
   * When the deadline passes, in epoch milliseconds (with fake timers,
   * milliseconds since the fake start). Ignored when `deadline` is given.
   * @default now() + remainingInMillis
   */
  expiresAtInMillis?: number;
  /**
   * Time kept after the deadline for state writes.
   * @default 0
   */
  reserveInMillis?: number;
}

/**
 * The scope of a first, idempotent attempt, with a fresh signal that never
 * aborts and a deadline 10 seconds away, unless the test says otherwise.
 */
export const callScope = ({
  now = Date.now,
  remainingInMillis = 10_000,
  expiresAtInMillis,
  reserveInMillis = 0,
  signal = new AbortController().signal,
  deadline,
  attempt = 1,
  idempotent = true,
}: CallScopeOptions = {}): CallScope => ({
  signal,
  deadline:
    deadline ??
    new Deadline(
      expiresAtInMillis ?? now() + remainingInMillis,
      now,
      reserveInMillis,
    ),
  attempt,
  idempotent,
});
