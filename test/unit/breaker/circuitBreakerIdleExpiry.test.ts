import { describe, expect, it } from 'vitest';
import { BreakerState } from '../../../src/breaker/state';
import { environment, fakeClock, SpyStore, settle } from './fakes';

const dayInMillis = 86_400_000;

const idleFleet = async (fleetSize: number) => {
  const store = new SpyStore();
  const clock = fakeClock();
  const fleet = Array.from({ length: fleetSize }, (_, i) =>
    environment(store, clock, { environmentId: `env-${i}` }),
  );
  await settle(fleet[0]?.fail() as Promise<unknown>);
  await fleet[0]?.succeed();
  clock.advance(dayInMillis + 5_000);
  for (const env of fleet) await env.succeed();
  return { store, clock, fleet };
};

describe('CircuitBreakerPolicy on an item that outlived its TTL', () => {
  it('counts every failure when five environments saw the item expired', async () => {
    const { store, fleet } = await idleFleet(6);

    for (const env of fleet.slice(0, 5)) await settle(env.fail());

    expect((await store.current())?.state).toBe(BreakerState.open);
  });

  it('starts the count again from one on the first failure', async () => {
    const store = new SpyStore();
    const clock = fakeClock();
    const env = environment(store, clock);
    for (let i = 0; i < 4; i++) await settle(env.fail());
    clock.advance(dayInMillis + 5_000);

    await settle(env.fail());

    expect(await store.current()).toMatchObject({
      state: BreakerState.closed,
      consecutiveFailures: 1,
    });
  });
});
