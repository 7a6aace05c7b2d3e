import { describe, expect, it } from 'vitest';
import { BreakerState } from '../../../src/breaker/state';
import {
  CircuitOpenError,
  InvalidPaymentIdError,
  InvalidUpstreamResponseError,
  PaymentNotFoundError,
  UpstreamNetworkError,
  UpstreamStatusError,
} from '../../../src/errors';
import { environment, fakeClock, SpyStore, settle } from './fakes';

const failTimes = async (env: { fail: () => Promise<unknown> }, n: number) => {
  for (let i = 0; i < n; i++) await settle(env.fail());
};

describe('CircuitBreakerPolicy', () => {
  it('opens after five consecutive failures', async () => {
    const store = new SpyStore();
    const env = environment(store, fakeClock());

    await failTimes(env, 5);

    expect((await store.current())?.state).toBe(BreakerState.open);
  });

  it('counts failures across environments, not per environment', async () => {
    const store = new SpyStore();
    const clock = fakeClock();
    const envs = [1, 2, 3, 4, 5].map(() => environment(store, clock));

    for (const env of envs) await settle(env.fail());

    expect((await store.current())?.state).toBe(BreakerState.open);
  });

  it('reports the opening once when many environments cross the threshold together', async () => {
    const store = new SpyStore();
    const clock = fakeClock();
    const envs = Array.from({ length: 10 }, (_, i) =>
      environment(store, clock, { environmentId: `env-${i}` }),
    );

    await Promise.all(envs.map((env) => settle(env.fail())));

    const opens = envs.reduce(
      (n, env) => n + env.metrics.total('transitions'),
      0,
    );
    expect(opens).toBe(1);
    expect((await store.current())?.version).toBe(1);
  });

  it('refuses calls while open, with the time left, without calling out', async () => {
    const clock = fakeClock();
    const env = environment(new SpyStore(), clock);
    await failTimes(env, 5);
    clock.advance(20_000);

    const refused = await settle(env.succeed());

    expect(refused).toBeInstanceOf(CircuitOpenError);
    expect((refused as CircuitOpenError).retryAfterInMillis).toBe(40_000);
    expect(env.calls()).toBe(5);
    expect(env.metrics.total('circuitRefusals')).toBe(1);
  });

  it('resets the consecutive count on a success', async () => {
    const store = new SpyStore();
    const env = environment(store, fakeClock());

    await failTimes(env, 4);
    await env.succeed();
    await failTimes(env, 4);

    expect(await store.current()).toMatchObject({
      state: BreakerState.closed,
      consecutiveFailures: 4,
    });
  });

  it('logs and counts one transition when it opens', async () => {
    const env = environment(new SpyStore(), fakeClock());

    await failTimes(env, 7);

    expect(env.logger.info).toHaveBeenCalledTimes(1);
    expect(env.logger.info).toHaveBeenCalledWith('circuit breaker transition', {
      breaker: 'payments',
      from: BreakerState.closed,
      to: BreakerState.open,
      failures: 5,
      reason: 'consecutive_failures',
    });
    expect(env.metrics.points).toContainEqual({
      name: 'transitions',
      dimensions: { breaker: 'payments', from: 'CLOSED', to: 'OPEN' },
    });
  });

  it('counts 5xx, 429, network errors and slow calls, but not bad bodies', async () => {
    const clock = fakeClock();
    const store = new SpyStore();
    const env = environment(store, clock, {
      failureThreshold: 100,
      slowCallThresholdInMillis: 500,
    });
    const throwing = (error: Error) =>
      settle(
        env.run(async () => {
          throw error;
        }),
      );

    await throwing(new UpstreamStatusError(500));
    await throwing(new UpstreamStatusError(429));
    await throwing(new UpstreamNetworkError('reset'));
    await throwing(new InvalidUpstreamResponseError('bad body'));
    await env.run(async () => {
      clock.advance(600);
      return 'slow';
    });

    expect((await store.current())?.consecutiveFailures).toBe(4);
  });

  it('neither counts nor resets on a 404 or a validation error', async () => {
    const store = new SpyStore();
    const env = environment(store, fakeClock());
    const throwing = (error: Error) =>
      settle(
        env.run(async () => {
          throw error;
        }),
      );
    await failTimes(env, 3);

    await throwing(new PaymentNotFoundError('unknown payment'));
    await throwing(new InvalidPaymentIdError('bad id'));
    await throwing(new UpstreamStatusError(404));
    await failTimes(env, 2);

    expect((await store.current())?.state).toBe(BreakerState.open);
  });
});

describe('CircuitBreakerPolicy on the healthy path', () => {
  it('makes no store write and one read per cache TTL', async () => {
    const store = new SpyStore();
    const clock = fakeClock();
    const env = environment(store, clock, { cacheTtlInMillis: 1000 });

    for (let i = 0; i < 100; i++) await env.succeed();
    clock.advance(1000);
    for (let i = 0; i < 100; i++) await env.succeed();

    expect(store.writes).toBe(0);
    expect(store.reads).toBe(2);
    expect(env.logger.info).not.toHaveBeenCalled();
  });

  it('makes no write for successes when the failure-rate rule is on', async () => {
    const store = new SpyStore();
    const env = environment(store, fakeClock(), {
      failureRateThresholdPercent: 50,
    });

    for (let i = 0; i < 100; i++) await env.succeed();

    expect(store.writes).toBe(0);
  });
});
