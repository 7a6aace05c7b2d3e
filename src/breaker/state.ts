/**
 * The states of a breaker. The values are stored in DynamoDB as they are,
 * so they stay readable and never change.
 */
export const BreakerState = {
  closed: 'CLOSED',
  open: 'OPEN',
  halfOpen: 'HALF_OPEN',
  forcedOpen: 'FORCED_OPEN',
  forcedClosed: 'FORCED_CLOSED',
} as const;

/** One of the {@link BreakerState} values. */
export type BreakerState = (typeof BreakerState)[keyof typeof BreakerState];

/** True when `value` is one of the {@link BreakerState} values. */
export const isBreakerState = (value: unknown): value is BreakerState =>
  Object.values(BreakerState).includes(value as BreakerState);

/**
 * Calls and failures seen fleet-wide during one time bucket of the
 * failure-rate window. `index` is `floor(epoch millis / bucket length)`.
 */
export interface WindowBucket {
  readonly index: number;
  readonly failures: number;
  readonly successes: number;
}

/** What the store keeps for one breaker: one item per breaker name. */
export interface BreakerRecord {
  readonly name: string;
  readonly state: BreakerState;
  /** Grows by one on every transition; transitions are fenced on it. */
  readonly version: number;
  /** Failures since the last success, across the fleet. */
  readonly consecutiveFailures: number;
  /** The failure-rate window's buckets, oldest first; empty when unused. */
  readonly buckets: readonly WindowBucket[];
  /** When the circuit last opened, in epoch milliseconds. */
  readonly openedAtInMillis?: number;
  /** When the open period ends, in epoch milliseconds. */
  readonly openUntilInMillis?: number;
  /** Opens since the circuit was last closed; grows the open period. */
  readonly openCount: number;
  /** The environment that holds the half-open probe lease. */
  readonly leaseOwner?: string;
  /** When that lease runs out, in epoch milliseconds. */
  readonly leaseExpiresAtInMillis?: number;
  /** Successful probes in the current half-open period. */
  readonly halfOpenSuccesses: number;
  /** Who wrote the last transition: an environment id, or `operator`. */
  readonly changedBy?: string;
  /** When the store may delete the idle item, in epoch seconds (DynamoDB TTL). */
  readonly expiresAt?: number;
}

/** The record of a breaker that has never been written: closed, version 0. */
export const initialRecord = (name: string): BreakerRecord => ({
  name,
  state: BreakerState.closed,
  version: 0,
  consecutiveFailures: 0,
  buckets: [],
  openCount: 0,
  halfOpenSuccesses: 0,
});
