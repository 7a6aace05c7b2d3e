import type { BreakerRules } from './rules';
import { type BreakerRecord, BreakerState, initialRecord } from './state';

/** The DynamoDB TTL of a record written now, in epoch seconds. */
export const expiresAtFor = (
  record: BreakerRecord,
  nowInMillis: number,
  rules: BreakerRules,
): number | undefined => {
  if (
    record.state === BreakerState.forcedOpen ||
    record.state === BreakerState.forcedClosed
  ) {
    return undefined;
  }
  const lastUse = Math.max(
    nowInMillis,
    record.openUntilInMillis ?? 0,
    record.leaseExpiresAtInMillis ?? 0,
  );
  return Math.ceil((lastUse + rules.itemTtlInMillis) / 1000);
};

const stamped = (
  next: BreakerRecord,
  nowInMillis: number,
  rules: BreakerRules,
): BreakerRecord => ({
  ...next,
  expiresAt: expiresAtFor(next, nowInMillis, rules),
});

/** The open period after `openCount` opens without a close. */
export const openPeriodInMillis = (
  openCount: number,
  rules: BreakerRules,
): number =>
  Math.min(
    rules.maxResetTimeoutInMillis,
    rules.resetTimeoutInMillis *
      rules.resetTimeoutMultiplier ** Math.max(0, openCount - 1),
  );

const fresh = (record: BreakerRecord, state: BreakerState): BreakerRecord => ({
  ...initialRecord(record.name),
  state,
  version: record.version + 1,
});

/** The record after the circuit opens (a trip, or a failed probe). */
export const opened = (
  record: BreakerRecord,
  nowInMillis: number,
  rules: BreakerRules,
): BreakerRecord => {
  const openCount = record.openCount + 1;
  const next: BreakerRecord = {
    ...fresh(record, BreakerState.open),
    openCount,
    openedAtInMillis: nowInMillis,
    openUntilInMillis: nowInMillis + openPeriodInMillis(openCount, rules),
  };
  return stamped(next, nowInMillis, rules);
};

/** The record after `owner` wins the probe lease until `leaseExpiresAtInMillis`. */
export const leaseTaken = (
  record: BreakerRecord,
  owner: string,
  leaseExpiresAtInMillis: number,
  nowInMillis: number,
  rules: BreakerRules,
): BreakerRecord => {
  const next: BreakerRecord = {
    ...fresh(record, BreakerState.halfOpen),
    openCount: record.openCount,
    openedAtInMillis: record.openedAtInMillis,
    openUntilInMillis: record.openUntilInMillis,
    halfOpenSuccesses:
      record.state === BreakerState.halfOpen ? record.halfOpenSuccesses : 0,
    leaseOwner: owner,
    leaseExpiresAtInMillis,
  };
  return stamped(next, nowInMillis, rules);
};

/** The record after the lease owner's probe succeeds: closed, or closer to it. */
export const probeSucceeded = (
  record: BreakerRecord,
  nowInMillis: number,
  rules: BreakerRules,
): BreakerRecord => {
  const successes = record.halfOpenSuccesses + 1;
  if (successes >= rules.successThreshold) {
    return stamped(fresh(record, BreakerState.closed), nowInMillis, rules);
  }
  return probeReleased(
    { ...record, halfOpenSuccesses: successes },
    nowInMillis,
    rules,
  );
};

/** The record after a probe ends without a verdict: the lease is free again. */
export const probeReleased = (
  record: BreakerRecord,
  nowInMillis: number,
  rules: BreakerRules,
): BreakerRecord => {
  const { leaseOwner, leaseExpiresAtInMillis, ...rest } = record;
  return stamped({ ...rest, version: record.version + 1 }, nowInMillis, rules);
};

/** The record an operator forces (FORCED_OPEN, FORCED_CLOSED) or resets (CLOSED). */
export const forced = (
  record: BreakerRecord,
  state: BreakerState,
  nowInMillis: number,
  rules: BreakerRules,
): BreakerRecord => stamped(fresh(record, state), nowInMillis, rules);
