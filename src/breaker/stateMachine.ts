import type { BreakerRules } from './rules';
import { type BreakerRecord, BreakerState } from './state';
import { failureRateExceeded } from './window';

/** Why a transition happened, as logged and stored in metrics. */
export const TransitionReason = {
  consecutiveFailures: 'consecutive_failures',
  failureRate: 'failure_rate',
  openPeriodEnded: 'open_period_ended',
  leaseExpired: 'lease_expired',
  probeSucceeded: 'probe_succeeded',
  probeFailed: 'probe_failed',
  probeAbandoned: 'probe_abandoned',
  forced: 'forced',
  reset: 'reset',
} as const;

/** One of the {@link TransitionReason} values. */
export type TransitionReason =
  (typeof TransitionReason)[keyof typeof TransitionReason];

/** What the breaker lets a call do, decided from the record alone. */
export type Permission =
  | { readonly kind: 'permit' }
  | { readonly kind: 'probe' }
  | { readonly kind: 'acquireLease'; readonly reason: TransitionReason }
  | { readonly kind: 'refuse'; readonly retryAfterInMillis: number };

const permit: Permission = { kind: 'permit' };
const probe: Permission = { kind: 'probe' };

const refuse = (retryAfterInMillis: number): Permission => ({
  kind: 'refuse',
  retryAfterInMillis: Math.max(0, Math.ceil(retryAfterInMillis)),
});

const openPermission = (
  record: BreakerRecord,
  nowInMillis: number,
  rules: BreakerRules,
): Permission => {
  const openUntil = record.openUntilInMillis ?? 0;
  // No open period is longer than the cap: one ending later was written by
  // a clock far ahead, and would otherwise keep the breaker open.
  const longest =
    rules.maxResetTimeoutInMillis + rules.clockSkewToleranceInMillis;
  if (nowInMillis < openUntil && openUntil <= nowInMillis + longest) {
    return refuse(openUntil - nowInMillis);
  }
  return { kind: 'acquireLease', reason: TransitionReason.openPeriodEnded };
};

const halfOpenPermission = (
  record: BreakerRecord,
  nowInMillis: number,
  owner: string,
  rules: BreakerRules,
): Permission => {
  const leaseEnd = record.leaseExpiresAtInMillis ?? 0;
  if (record.leaseOwner === undefined) {
    return { kind: 'acquireLease', reason: TransitionReason.probeAbandoned };
  }
  if (record.leaseOwner === owner && nowInMillis < leaseEnd) return probe;
  const { clockSkewToleranceInMillis, maxLeaseInMillis } = rules;
  // No lease is longer than maxLease: one ending later was written by a
  // clock far ahead, and would otherwise hold the breaker half-open.
  const impossible =
    leaseEnd > nowInMillis + maxLeaseInMillis + clockSkewToleranceInMillis;
  if (impossible || nowInMillis >= leaseEnd + clockSkewToleranceInMillis) {
    return { kind: 'acquireLease', reason: TransitionReason.leaseExpired };
  }
  return refuse(leaseEnd - nowInMillis);
};

/**
 * Whether a call may go ahead. `owner` identifies this environment, so a
 * lease it already holds lets it probe. Expiry is read from the record's
 * timestamps, never from timers.
 */
export const permission = (
  record: BreakerRecord,
  nowInMillis: number,
  owner: string,
  rules: BreakerRules,
): Permission => {
  switch (record.state) {
    case BreakerState.closed:
    case BreakerState.forcedClosed:
      return permit;
    case BreakerState.forcedOpen:
      return refuse(rules.resetTimeoutInMillis);
    case BreakerState.open:
      return openPermission(record, nowInMillis, rules);
    case BreakerState.halfOpen:
      return halfOpenPermission(record, nowInMillis, owner, rules);
  }
};

/** True when the item outlived its TTL and its counters no longer count. */
export const isIdleExpired = (
  record: BreakerRecord,
  nowInMillis: number,
): boolean =>
  record.expiresAt !== undefined && record.expiresAt * 1000 <= nowInMillis;

/** The rule a closed circuit trips on after a failure, if any. */
export const tripReason = (
  record: BreakerRecord,
  nowInMillis: number,
  rules: BreakerRules,
): TransitionReason | undefined => {
  if (record.state !== BreakerState.closed) return undefined;
  if (record.consecutiveFailures >= rules.failureThreshold) {
    return TransitionReason.consecutiveFailures;
  }
  if (failureRateExceeded(record.buckets, nowInMillis, rules)) {
    return TransitionReason.failureRate;
  }
  return undefined;
};
