import { describe, expect, it } from 'vitest';
import { BreakerState } from '../../../src/breaker/state';
import { environment, fakeClock, SpyStore, settle } from './fakes';

const failTimes = async (env: { fail: () => Promise<unknown> }, n: number) => {
  for (let i = 0; i < n; i++) await settle(env.fail());
};

describe('CircuitBreakerPolicy with the failure-rate rule', () => {
  it('writes the held-back successes with the next failure', async () => {
    const store = new SpyStore();
    const env = environment(store, fakeClock(), {
      failureRateThresholdPercent: 50,
      failureRateMinimumCalls: 10,
      failureThreshold: 100,
    });

    for (let i = 0; i < 6; i++) await env.succeed();
    await settle(env.fail());

    const [bucket] = (await store.current())?.buckets ?? [];
    expect(bucket).toMatchObject({ failures: 1, successes: 6 });
  });

  it('opens when half the calls in the window fail', async () => {
    const store = new SpyStore();
    const env = environment(store, fakeClock(), {
      failureRateThresholdPercent: 50,
      failureRateMinimumCalls: 10,
      failureThreshold: 100,
    });

    for (let i = 0; i < 5; i++) {
      await env.succeed();
      await settle(env.fail());
    }

    expect((await store.current())?.state).toBe(BreakerState.open);
    expect(env.logger.info.mock.calls[0]?.[1]).toMatchObject({
      reason: 'failure_rate',
    });
  });

  it('drops successes held back before the circuit opened and closed again', async () => {
    const store = new SpyStore();
    const clock = fakeClock();
    const options = {
      failureRateThresholdPercent: 50,
      failureRateMinimumCalls: 10,
      resetTimeoutInMillis: 1000,
      cacheTtlInMillis: 0,
    };
    const holding = environment(store, clock, options);
    const tripping = environment(store, clock, options);
    for (let i = 0; i < 40; i++) await holding.succeed();
    await failTimes(tripping, 5);
    clock.advance(1000);
    await tripping.succeed();

    await settle(holding.fail());

    const [bucket] = (await store.current())?.buckets ?? [];
    expect(bucket).toMatchObject({ failures: 1, successes: 0 });
  });

  it('flushes successes in batches while the window holds failures', async () => {
    const store = new SpyStore();
    const env = environment(store, fakeClock(), {
      failureRateThresholdPercent: 50,
      failureThreshold: 100,
      successFlushThreshold: 10,
    });
    await settle(env.fail());
    const writesAfterFailure = store.writes;

    for (let i = 0; i < 30; i++) await env.succeed();

    // One write resets the consecutive count, then one per ten successes.
    expect(store.writes - writesAfterFailure).toBe(3);
    const [bucket] = (await store.current())?.buckets ?? [];
    expect(bucket?.successes).toBeGreaterThanOrEqual(20);
  });
});
