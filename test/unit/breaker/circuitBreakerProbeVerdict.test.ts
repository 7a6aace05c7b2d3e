import { describe, expect, it } from 'vitest';
import { BreakerState } from '../../../src/breaker/state';
import {
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
