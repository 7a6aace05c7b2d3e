import { describe, expect, it } from 'vitest';
import { BreakerState } from '../../../src/breaker/state';
import { CircuitOpenError, StoreUnavailableError } from '../../../src/errors';
import { environment, fakeClock, SpyStore, settle } from './fakes';

describe('CircuitBreakerPolicy when the store fails', () => {
  it('lets calls through when failing open', async () => {
    const store = new SpyStore();
    store.down = true;
    const env = environment(store, fakeClock());

    const answers = [await env.succeed(), await env.succeed()];

    expect(answers).toEqual(['ok', 'ok']);
    expect(env.metrics.total('storeErrors')).toBe(1);
  });

  it('refuses calls with StoreUnavailableError when failing closed', async () => {
    const store = new SpyStore();
    store.down = true;
    const env = environment(store, fakeClock(), {
      storeFailurePolicy: 'failClosed',
    });

    const refused = await settle(env.succeed());

    expect(refused).toBeInstanceOf(StoreUnavailableError);
    expect(env.calls()).toBe(0);
  });

  it('logs the outage once and the recovery once, however many calls fail', async () => {
    const store = new SpyStore();
    const clock = fakeClock();
    const env = environment(store, clock, { cacheTtlInMillis: 100 });
    store.down = true;

    for (let i = 0; i < 5; i++) {
      await env.succeed();
      clock.advance(100);
    }
    store.down = false;
    await env.succeed();

    expect(env.metrics.total('storeErrors')).toBe(5);
    expect(env.logger.warn).toHaveBeenCalledTimes(1);
    expect(env.logger.warn).toHaveBeenCalledWith(
      'circuit breaker store unavailable',
      expect.objectContaining({ breaker: 'payments', operation: 'get' }),
    );
    expect(env.logger.info).toHaveBeenCalledWith(
      'circuit breaker store recovered',
      { breaker: 'payments' },
    );
  });

  it('asks the failing store at most once per cache TTL', async () => {
    const store = new SpyStore();
    store.down = true;
    const env = environment(store, fakeClock(), { cacheTtlInMillis: 1000 });

    for (let i = 0; i < 20; i++) await env.succeed();

    expect(store.reads).toBe(1);
  });

  it('keeps refusing while a circuit last seen open is in its open period', async () => {
    const store = new SpyStore();
    const clock = fakeClock();
    const env = environment(store, clock, { cacheTtlInMillis: 100 });
    for (let i = 0; i < 5; i++) await settle(env.fail());
    store.down = true;
    clock.advance(200);

    const refused = await settle(env.succeed());

    expect(refused).toBeInstanceOf(CircuitOpenError);
    expect((await store.current())?.state).toBe(BreakerState.open);
  });

  it('still answers when a failure cannot be recorded', async () => {
    const store = new SpyStore();
    const env = environment(store, fakeClock());
    await env.succeed();
    store.down = true;

    const failure = await settle(env.fail());

    expect(failure).not.toBeInstanceOf(StoreUnavailableError);
    expect(env.metrics.total('storeErrors')).toBe(1);
  });
});
