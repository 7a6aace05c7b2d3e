import type { BreakerRecord, WindowBucket } from '../state';

/**
 * The cause of the StoreUnavailableError a store throws when it gave up
 * because the caller's budget ran out (no time to send, or a timeout the
 * budget cut short), rather than because the store failed. Prepared once.
 */
export const storeBudgetSpent = new Error('no time left for the store call');

/** True when a store call failed only for lack of the caller's time. */
export const isBudgetSpent = (error: unknown): boolean =>
  (error as { cause?: unknown } | undefined)?.cause === storeBudgetSpent;

/** Per-call limits the breaker passes to its store. */
export interface StoreCallOptions {
  /**
   * Time the caller can wait for this call, in milliseconds (what is left of
   * the invocation; for state writes, including the deadline's reserve).
   * The store's own timeout caps each request below it. A store that gives
   * up for lack of it throws with the cause {@link storeBudgetSpent}.
   */
  readonly budgetInMillis?: number;
  /** Read the latest committed value (only for `get`). @default false */
  readonly consistentRead?: boolean;
}

/** Counts one environment adds to a closed breaker in one atomic write. */
export interface CountUpdate {
  readonly name: string;
  /** Added to the consecutive failures (0 leaves them alone). */
  readonly failures: number;
  /**
   * Set the consecutive failures to `failures` instead of adding: a success
   * resets them, and counters of an idle-expired item start again.
   */
  readonly resetConsecutiveFailures: boolean;
  /**
   * For the restart of an idle-expired item's count, in epoch seconds: the
   * write applies only while the stored TTL (`expiresAt`) is at or before
   * this, so of the environments that saw the item expired only the first
   * restarts the count. Otherwise nothing is written and the answer is
   * undefined, as when the circuit is not closed; the caller then adds.
   */
  readonly onlyIfExpiredBy?: number;
  /** Failure-rate buckets whose counts are added. */
  readonly buckets: readonly WindowBucket[];
  /** Buckets that left the window and are deleted in the same write. */
  readonly staleBucketIndexes: readonly number[];
  /** The item's new TTL, in epoch seconds. */
  readonly expiresAt: number | undefined;
}

/** A change of state, written only if nobody changed the item first. */
export interface Transition {
  /** The record as the writer saw it: its version fences the write. */
  readonly expected: BreakerRecord;
  /** The record to write (its version is `expected.version + 1`). */
  readonly next: BreakerRecord;
  /** Failure-rate buckets to delete with the write. */
  readonly removedBucketIndexes: readonly number[];
  /**
   * When set, the write also requires that `owner` still holds a lease
   * that has not expired at `nowInMillis`.
   */
  readonly leaseHolder?: {
    readonly owner: string;
    readonly nowInMillis: number;
  };
}

/**
 * Where breakers keep their state: one record per breaker name. Every
 * write is conditional, so concurrent environments never lose counts and a
 * stale writer never overwrites a newer state.
 */
export interface BreakerStore {
  /** The breaker's record, or undefined when it was never written. */
  get(
    name: string,
    options?: StoreCallOptions,
  ): Promise<BreakerRecord | undefined>;
  /**
   * Adds counts atomically while the breaker is CLOSED (or not yet written).
   * @returns the record after the write, or undefined when the breaker is no
   * longer closed and nothing was written.
   */
  addCounts(
    update: CountUpdate,
    options?: StoreCallOptions,
  ): Promise<BreakerRecord | undefined>;
  /**
   * Writes `next` if the stored version is still `expected.version` (and
   * the lease condition holds).
   * @returns the written record, or undefined when another writer won.
   */
  transition(
    transition: Transition,
    options?: StoreCallOptions,
  ): Promise<BreakerRecord | undefined>;
  /** Every breaker in the store, for operators. */
  list(options?: StoreCallOptions): Promise<BreakerRecord[]>;
}
