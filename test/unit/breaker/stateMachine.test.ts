import { describe, expect, it } from 'vitest';
import { resolveRules } from '../../../src/breaker/rules';
import {
  type BreakerRecord,
  BreakerState,
  initialRecord,
} from '../../../src/breaker/state';
import {
  isIdleExpired,
  permission,
  TransitionReason,
  tripReason,
} from '../../../src/breaker/stateMachine';

const rules = resolveRules({ clockSkewToleranceInMillis: 100 });
const now = 1_000_000;
const closed = initialRecord('payments');

const record = (changes: Partial<BreakerRecord>): BreakerRecord => ({
  ...closed,
  ...changes,
});

describe('permission', () => {
  it('permits calls while closed', () => {
    expect(permission(closed, now, 'me', rules)).toEqual({ kind: 'permit' });
  });

  it('permits calls while forced closed', () => {
    const forced = record({ state: BreakerState.forcedClosed });

    expect(permission(forced, now, 'me', rules)).toEqual({ kind: 'permit' });
  });

  it('refuses calls while forced open', () => {
    const forced = record({ state: BreakerState.forcedOpen });

    expect(permission(forced, now, 'me', rules).kind).toBe('refuse');
  });

  it('refuses calls during the open period with the time left', () => {
    const open = record({
      state: BreakerState.open,
      openUntilInMillis: now + 1500,
    });

    expect(permission(open, now, 'me', rules)).toEqual({
      kind: 'refuse',
      retryAfterInMillis: 1500,
    });
  });

  it('asks for the probe lease once the open period ended', () => {
    const open = record({ state: BreakerState.open, openUntilInMillis: now });

    expect(permission(open, now, 'me', rules)).toEqual({
      kind: 'acquireLease',
      reason: TransitionReason.openPeriodEnded,
    });
  });

  it('ends an open period that lasts longer than any open period can', () => {
    // Written by an environment whose clock runs far ahead.
    const farAhead = now + rules.maxResetTimeoutInMillis + 100 + 1;
    const open = record({
      state: BreakerState.open,
      openUntilInMillis: farAhead,
    });

    expect(permission(open, now, 'me', rules)).toEqual({
      kind: 'acquireLease',
      reason: TransitionReason.openPeriodEnded,
    });
  });

  it('refuses calls while another environment holds the lease', () => {
    const halfOpen = record({
      state: BreakerState.halfOpen,
      leaseOwner: 'other',
      leaseExpiresAtInMillis: now + 300,
    });

    expect(permission(halfOpen, now, 'me', rules)).toEqual({
      kind: 'refuse',
      retryAfterInMillis: 300,
    });
  });

  it('lets the lease owner probe while its lease lasts', () => {
    const halfOpen = record({
      state: BreakerState.halfOpen,
      leaseOwner: 'me',
      leaseExpiresAtInMillis: now + 300,
    });

    expect(permission(halfOpen, now, 'me', rules)).toEqual({ kind: 'probe' });
  });

  it('waits out the clock-skew tolerance before taking over an expired lease', () => {
    const halfOpen = record({
      state: BreakerState.halfOpen,
      leaseOwner: 'other',
      leaseExpiresAtInMillis: now - 50,
    });

    expect(permission(halfOpen, now, 'me', rules).kind).toBe('refuse');
    expect(permission(halfOpen, now + 50, 'me', rules)).toEqual({
      kind: 'acquireLease',
      reason: TransitionReason.leaseExpired,
    });
  });

  it('takes over a lease ending further ahead than any lease can', () => {
    // Written by an environment whose clock runs far ahead.
    const farAhead = now + rules.maxLeaseInMillis + 100 + 1;
    const halfOpen = record({
      state: BreakerState.halfOpen,
      leaseOwner: 'other',
      leaseExpiresAtInMillis: farAhead,
    });

    expect(permission(halfOpen, now, 'me', rules)).toEqual({
      kind: 'acquireLease',
      reason: TransitionReason.leaseExpired,
    });
    expect(permission(halfOpen, now + 1, 'me', rules).kind).toBe('refuse');
  });

  it('offers a released lease to anyone', () => {
    const halfOpen = record({ state: BreakerState.halfOpen });

    expect(permission(halfOpen, now, 'me', rules)).toEqual({
      kind: 'acquireLease',
      reason: TransitionReason.probeAbandoned,
    });
  });
});

describe('tripReason', () => {
  it('trips on the consecutive-failure threshold', () => {
    const failing = record({ consecutiveFailures: 5 });

    expect(tripReason(failing, now, rules)).toBe(
      TransitionReason.consecutiveFailures,
    );
  });

  it('does not trip below the threshold', () => {
    expect(tripReason(record({ consecutiveFailures: 4 }), now, rules)).toBe(
      undefined,
    );
  });

  it('trips on the failure rate once the window holds enough calls', () => {
    const rateRules = resolveRules({
      failureRateThresholdPercent: 50,
      failureRateMinimumCalls: 10,
    });
    const index = Math.floor(now / rateRules.bucketInMillis);
    const failing = record({
      buckets: [{ index, failures: 5, successes: 5 }],
    });
    const tooFew = record({ buckets: [{ index, failures: 5, successes: 4 }] });

    expect(tripReason(failing, now, rateRules)).toBe(
      TransitionReason.failureRate,
    );
    expect(tripReason(tooFew, now, rateRules)).toBe(undefined);
  });

  it('never trips a circuit that is not closed', () => {
    const open = record({ state: BreakerState.open, consecutiveFailures: 9 });

    expect(tripReason(open, now, rules)).toBe(undefined);
  });
});

describe('isIdleExpired', () => {
  it('is true once the TTL in epoch seconds has passed', () => {
    const idle = record({ expiresAt: now / 1000 });

    expect(isIdleExpired(idle, now)).toBe(true);
    expect(isIdleExpired(idle, now - 1)).toBe(false);
    expect(isIdleExpired(closed, now)).toBe(false);
  });
});
