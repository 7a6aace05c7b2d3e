import { describe, expect, it } from 'vitest';
import { BreakerState } from '../../../src/breaker/state';
import {
  AttemptTimeoutError,
  CircuitOpenError,
  InvalidPaymentIdError,
  PaymentNotFoundError,
  UpstreamStatusError,
} from '../../../src/errors';
import { environment, fakeClock, SpyStore, settle } from './fakes';

const options = {
  resetTimeoutInMillis: 1000,
  cacheTtlInMillis: 0,
  clockSkewToleranceInMillis: 100,
};

const openedFleet = async (fleetSize = 2) => {
  const store = new SpyStore();
  const clock = fakeClock();
  const fleet = Array.from({ length: fleetSize }, (_, i) =>
    environment(store, clock, { ...options, environmentId: `env-${i}` }),
  );
  for (let i = 0; i < 5; i++)
    await settle(fleet[0]?.fail() as Promise<unknown>);
  clock.advance(1000);
  return { store, clock, fleet };
};

const throwing = (error: Error) => async (): Promise<string> => {
  throw error;
};

describe('CircuitBreakerPolicy probing with an outcome that does not count', () => {
  it.each([
    ['our own validation error', new InvalidPaymentIdError('bad id')],
    ['an unknown payment', new PaymentNotFoundError('unknown payment')],
    ['a 400 answer', new UpstreamStatusError(400)],
  ])('never closes the circuit on %s', async (_, error) => {
    const { store, fleet } = await openedFleet();

    await settle(fleet[1]?.run(throwing(error)) as Promise<unknown>);

    expect(await store.current()).toMatchObject({
      state: BreakerState.halfOpen,
      leaseOwner: 'env-1',
      openCount: 1,
    });
    expect(fleet[1]?.metrics.total('transitions')).toBe(1);
  });

  it('keeps the lease, so no other environment probes before it ends', async () => {
    const { store, clock, fleet } = await openedFleet(3);
    const [, owner, other] = fleet;
    await settle(
      owner?.run(throwing(new InvalidPaymentIdError('x'))) as Promise<unknown>,
    );
    const writes = store.writes;

    const refused = await settle(other?.succeed() as Promise<unknown>);
    clock.advance(10_000 + 100);
    await other?.succeed();

    expect(refused).toBeInstanceOf(CircuitOpenError);
    expect(other?.calls()).toBe(1);
    expect(store.writes - writes).toBe(2);
    expect((await store.current())?.state).toBe(BreakerState.closed);
  });
});

describe('CircuitBreakerPolicy probing up to the invocation deadline', () => {
  it('holds the lease until the deadline plus the reserve', async () => {
    const { store, clock, fleet } = await openedFleet();
    const env = fleet[1];

    await env?.policy.execute(
      async () => {
        const record = await store.current();
        expect(record?.leaseExpiresAtInMillis).toBe(clock() + 300 + 200);
        return 'ok';
      },
      env.scope(300, 200),
    );
  });

  it('reopens the circuit when the probe is cut off at the deadline', async () => {
    const { store, clock, fleet } = await openedFleet();
    const env = fleet[1] as ReturnType<typeof environment>;

    await settle(
      env.policy.execute(
        async () => {
          clock.advance(300);
          throw new AttemptTimeoutError(300);
        },
        env.scope(300, 200),
      ),
    );

    expect(await store.current()).toMatchObject({
      state: BreakerState.open,
      openCount: 2,
      openUntilInMillis: clock() + 1000,
    });
  });

  it('ignores a verdict after the lease ran out when nobody took it over', async () => {
    const { store, clock, fleet } = await openedFleet();
    const env = fleet[1] as ReturnType<typeof environment>;

    await settle(
      env.policy.execute(
        async () => {
          clock.advance(600);
          throw new AttemptTimeoutError(600);
        },
        env.scope(300, 200),
      ),
    );

    expect(await store.current()).toMatchObject({
      state: BreakerState.halfOpen,
      leaseOwner: 'env-1',
      openCount: 1,
    });
    expect(env.metrics.total('transitions')).toBe(1);
  });
});
