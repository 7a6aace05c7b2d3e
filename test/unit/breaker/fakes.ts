import { vi } from 'vitest';
import type { CircuitBreakerOptions } from '../../../src/breaker/circuitBreakerOptions';
import { CircuitBreakerPolicy } from '../../../src/breaker/circuitBreakerPolicy';
import type { BreakerRecord } from '../../../src/breaker/state';
import type {
  BreakerStore,
  CountUpdate,
  StoreCallOptions,
  Transition,
} from '../../../src/breaker/store/breakerStore';
import { MemoryBreakerStore } from '../../../src/breaker/store/memoryBreakerStore';
import {
  StoreUnavailableError,
  UpstreamStatusError,
} from '../../../src/errors';
import type { MetricName } from '../../../src/metrics/metricsSink';
import { callScope } from '../../support/callScope';
import { manualClock } from '../../support/manualClock';

/** A clock the test moves by hand. */
export const fakeClock = (startInMillis = 1_000_000) =>
  manualClock(startInMillis);

/** A memory store that counts its calls and can be switched off. */
export class SpyStore implements BreakerStore {
  readonly inner = new MemoryBreakerStore();
  reads = 0;
  writes = 0;
  down = false;

  async get(name: string, _options?: StoreCallOptions) {
    this.reads += 1;
    this.failIfDown();
    return this.inner.get(name);
  }

  async addCounts(update: CountUpdate) {
    this.writes += 1;
    this.failIfDown();
    return this.inner.addCounts(update);
  }

  async transition(transition: Transition) {
    this.writes += 1;
    this.failIfDown();
    return this.inner.transition(transition);
  }

  async list() {
    return this.inner.list();
  }

  current(name = 'payments'): Promise<BreakerRecord | undefined> {
    return this.inner.get(name);
  }

  private failIfDown(): void {
    if (this.down) throw new StoreUnavailableError('store is down');
  }
}

/** A logger whose calls the test can read. */
export const fakeLogger = () => ({
  debug: vi.fn(),
  info: vi.fn(),
  warn: vi.fn(),
  error: vi.fn(),
});

/** A metrics sink that keeps every data point. */
export const fakeMetrics = () => {
  const points: { name: MetricName; dimensions?: object }[] = [];
  return {
    points,
    count: (name: MetricName, dimensions?: object) => {
      points.push({ name, dimensions });
    },
    total: (name: MetricName) => points.filter((p) => p.name === name).length,
  };
};

/** One Lambda environment: its own policy (and cache) on a shared store. */
export const environment = (
  store: BreakerStore,
  clock: () => number,
  options: Partial<CircuitBreakerOptions> = {},
) => {
  const logger = fakeLogger();
  const metrics = fakeMetrics();
  const policy = new CircuitBreakerPolicy({
    name: 'payments',
    store,
    clock,
    logger,
    metrics,
    ...options,
  });
  let calls = 0;
  const scope = (remainingInMillis?: number, reserveInMillis?: number) =>
    callScope({ now: clock, remainingInMillis, reserveInMillis });
  const run = (outcome: () => Promise<string>) =>
    policy.execute(async () => {
      calls += 1;
      return outcome();
    }, scope());
  return {
    policy,
    logger,
    metrics,
    scope,
    calls: () => calls,
    succeed: () => run(async () => 'ok'),
    fail: () =>
      run(async () => {
        throw new UpstreamStatusError(503);
      }),
    run,
  };
};

/** Settles a promise into a value or the error it threw. */
export const settle = <T>(promise: Promise<T>): Promise<T | unknown> =>
  promise.catch((error: unknown) => error);
