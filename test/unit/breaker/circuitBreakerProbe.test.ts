import { describe, expect, it } from 'vitest';
import { forceBreaker, resetBreaker } from '../../../src/breaker/operator';
import { BreakerState } from '../../../src/breaker/state';
import { CircuitOpenError } from '../../../src/errors';
import { environment, fakeClock, SpyStore, settle } from './fakes';

const options = {
  resetTimeoutInMillis: 1000,
  cacheTtlInMillis: 100,
  clockSkewToleranceInMillis: 0,
};

const openedFleet = async (fleetSize = 2) => {
  const store = new SpyStore();
  const clock = fakeClock();
  const fleet = Array.from({ length: fleetSize }, (_, i) =>
    environment(store, clock, { ...options, environmentId: `env-${i}` }),
  );
  const [first] = fleet;
  for (let i = 0; i < 5; i++) await settle(first?.fail() as Promise<string>);
  clock.advance(1000);
  return { store, clock, fleet };
};

describe('CircuitBreakerPolicy in half-open', () => {
  it('lets exactly one environment probe when the open period ends', async () => {
    const { fleet } = await openedFleet(5);
    let release = () => {};
    const probeHeld = new Promise<string>((resolve) => {
      release = () => resolve('ok');
    });

    const pending = fleet.map((env) => settle(env.run(() => probeHeld)));
    setTimeout(release, 10);
    const results = await Promise.all(pending);

    const probes = fleet.reduce((sum, env) => sum + env.calls(), 0);
    expect(probes).toBe(5 + 1);
    expect(results.filter((r) => r instanceof CircuitOpenError)).toHaveLength(
      4,
    );
  });

  it('closes the circuit when the probe succeeds', async () => {
    const { store, fleet } = await openedFleet();

    await fleet[1]?.succeed();

    expect((await store.current())?.state).toBe(BreakerState.closed);
    expect(fleet[1]?.logger.info).toHaveBeenCalledWith(
      'circuit breaker transition',
      expect.objectContaining({ from: 'HALF_OPEN', to: 'CLOSED' }),
    );
  });

  it('reopens the circuit when the probe fails', async () => {
    const { store, clock, fleet } = await openedFleet();

    await settle(fleet[1]?.fail() as Promise<string>);

    expect(await store.current()).toMatchObject({
      state: BreakerState.open,
      openUntilInMillis: clock() + 1000,
      openCount: 2,
    });
  });

  it('grows the open period after each failed probe when asked to', async () => {
    const store = new SpyStore();
    const clock = fakeClock();
    const env = environment(store, clock, {
      ...options,
      resetTimeoutMultiplier: 2,
    });
    for (let i = 0; i < 5; i++) await settle(env.fail());
    clock.advance(1000);

    await settle(env.fail());

    expect((await store.current())?.openUntilInMillis).toBe(clock() + 2000);
  });

  it('bounds the lease by the invocation time left', async () => {
    const { store, clock, fleet } = await openedFleet();
    const env = fleet[1];

    await env?.policy.execute(async () => {
      const record = await store.current();
      expect(record?.leaseExpiresAtInMillis).toBe(clock() + 250);
      return 'ok';
    }, env.scope(250));
  });

  it('lets another environment probe once the lease ran out', async () => {
    const { store, clock, fleet } = await openedFleet(3);
    const [, owner, other] = fleet;
    await owner?.policy.execute(async () => {
      clock.advance(500);
      return 'ok';
    }, owner.scope(300));

    clock.advance(100);
    await other?.succeed();

    expect(await store.current()).toMatchObject({ state: BreakerState.closed });
    expect(other?.calls()).toBe(1);
  });

  it('ignores a probe result that arrives after its lease expired', async () => {
    const { store, clock, fleet } = await openedFleet(3);
    const [, owner, other] = fleet;
    const late = owner?.policy.execute(async () => {
      clock.advance(500);
      await settle(other?.fail() as Promise<string>);
      return 'ok';
    }, owner.scope(300));

    await late;

    expect((await store.current())?.state).toBe(BreakerState.open);
  });

  it('never lets a late success close a circuit another environment opened', async () => {
    const store = new SpyStore();
    const clock = fakeClock();
    const slow = environment(store, clock, { cacheTtlInMillis: 10_000 });
    const failing = environment(store, clock);
    await settle(slow.fail());

    const lateSuccess = slow.run(async () => {
      for (let i = 0; i < 4; i++) await settle(failing.fail());
      return 'ok';
    });
    await lateSuccess;

    expect((await store.current())?.state).toBe(BreakerState.open);
    expect(slow.logger.info).not.toHaveBeenCalled();
  });
});

describe('CircuitBreakerPolicy forced by an operator', () => {
  it('refuses every call while forced open', async () => {
    const store = new SpyStore();
    const env = environment(store, fakeClock());
    await forceBreaker(store, 'payments', BreakerState.forcedOpen);

    const refused = await settle(env.succeed());

    expect(refused).toBeInstanceOf(CircuitOpenError);
    expect(env.calls()).toBe(0);
  });

  it('permits every call and counts nothing while forced closed', async () => {
    const store = new SpyStore();
    const env = environment(store, fakeClock());
    await forceBreaker(store, 'payments', BreakerState.forcedClosed);

    for (let i = 0; i < 10; i++) await settle(env.fail());

    expect(env.calls()).toBe(10);
    expect(await store.current()).toMatchObject({
      state: BreakerState.forcedClosed,
      consecutiveFailures: 0,
    });
  });

  it('closes an open circuit when reset', async () => {
    const store = new SpyStore();
    const clock = fakeClock();
    const env = environment(store, clock, { cacheTtlInMillis: 0 });
    for (let i = 0; i < 5; i++) await settle(env.fail());

    await resetBreaker(store, 'payments');

    expect(await env.succeed()).toBe('ok');
    expect((await store.current())?.openCount).toBe(0);
  });
});
