import { describe, expect, it } from 'vitest';
import { resolveRules } from '../../../src/breaker/rules';
import {
  type BreakerRecord,
  BreakerState,
  initialRecord,
} from '../../../src/breaker/state';
import {
  forced,
  leaseTaken,
  opened,
  openPeriodInMillis,
  probeReleased,
  probeSucceeded,
} from '../../../src/breaker/transitions';

const rules = resolveRules({
  resetTimeoutInMillis: 1000,
  resetTimeoutMultiplier: 2,
  maxResetTimeoutInMillis: 5000,
  successThreshold: 2,
  itemTtlInMillis: 10_000,
});
const now = 1_000_000;
const closed: BreakerRecord = {
  ...initialRecord('payments'),
  version: 3,
  consecutiveFailures: 5,
};

describe('opened', () => {
  it('opens for the reset timeout, bumps the version and clears counters', () => {
    const open = opened(closed, now, rules);

    expect(open).toMatchObject({
      state: BreakerState.open,
      version: 4,
      consecutiveFailures: 0,
      openCount: 1,
      openedAtInMillis: now,
      openUntilInMillis: now + 1000,
      expiresAt: (now + 1000 + 10_000) / 1000,
    });
  });

  it('grows the open period on each reopen, up to the cap', () => {
    expect(openPeriodInMillis(1, rules)).toBe(1000);
    expect(openPeriodInMillis(2, rules)).toBe(2000);
    expect(openPeriodInMillis(3, rules)).toBe(4000);
    expect(openPeriodInMillis(4, rules)).toBe(5000);
  });
});

describe('leaseTaken', () => {
  it('moves an open circuit to half-open under the new owner', () => {
    const open = opened(closed, now, rules);

    const halfOpen = leaseTaken(open, 'me', now + 2000, now, rules);

    expect(halfOpen).toMatchObject({
      state: BreakerState.halfOpen,
      version: open.version + 1,
      leaseOwner: 'me',
      leaseExpiresAtInMillis: now + 2000,
      openCount: 1,
      halfOpenSuccesses: 0,
    });
  });

  it('keeps the probe successes already counted when a lease is taken over', () => {
    const halfOpen: BreakerRecord = {
      ...closed,
      state: BreakerState.halfOpen,
      halfOpenSuccesses: 1,
      leaseOwner: 'other',
    };

    expect(leaseTaken(halfOpen, 'me', now, now, rules).halfOpenSuccesses).toBe(
      1,
    );
  });
});

describe('probeSucceeded', () => {
  const halfOpen = leaseTaken(
    opened(closed, now, rules),
    'me',
    now + 1,
    now,
    rules,
  );

  it('releases the lease and counts the success below the threshold', () => {
    const next = probeSucceeded(halfOpen, now, rules);

    expect(next.state).toBe(BreakerState.halfOpen);
    expect(next.halfOpenSuccesses).toBe(1);
    expect(next.leaseOwner).toBe(undefined);
    expect(next.version).toBe(halfOpen.version + 1);
  });

  it('closes the circuit at the success threshold and forgets the opens', () => {
    const once = probeSucceeded(halfOpen, now, rules);

    const next = probeSucceeded(once, now, rules);

    expect(next).toMatchObject({
      state: BreakerState.closed,
      openCount: 0,
      consecutiveFailures: 0,
      halfOpenSuccesses: 0,
    });
    expect(next.openUntilInMillis).toBe(undefined);
  });
});

describe('a failed probe', () => {
  it('reopens for a longer period', () => {
    const halfOpen = leaseTaken(
      opened(closed, now, rules),
      'me',
      now + 1,
      now,
      rules,
    );

    const reopened = opened(halfOpen, now, rules);

    expect(reopened.state).toBe(BreakerState.open);
    expect(reopened.openUntilInMillis).toBe(now + 2000);
    expect(reopened.leaseOwner).toBe(undefined);
  });
});

describe('probeReleased', () => {
  it('frees the lease without counting anything', () => {
    const halfOpen = leaseTaken(
      opened(closed, now, rules),
      'me',
      now + 1,
      now,
      rules,
    );

    const next = probeReleased(halfOpen, now, rules);

    expect(next.leaseOwner).toBe(undefined);
    expect(next.halfOpenSuccesses).toBe(0);
    expect(next.state).toBe(BreakerState.halfOpen);
  });
});

describe('forced', () => {
  it('forces a state that never expires', () => {
    const next = forced(closed, BreakerState.forcedOpen, now, rules);

    expect(next.state).toBe(BreakerState.forcedOpen);
    expect(next.expiresAt).toBe(undefined);
    expect(next.version).toBe(4);
  });

  it('resets to a fresh closed record', () => {
    const next = forced(
      opened(closed, now, rules),
      BreakerState.closed,
      now,
      rules,
    );

    expect(next).toMatchObject({ state: BreakerState.closed, openCount: 0 });
  });
});
