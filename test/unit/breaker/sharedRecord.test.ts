import { describe, expect, it } from 'vitest';
import { BreakerReporter } from '../../../src/breaker/breakerReporter';
import { SharedRecord } from '../../../src/breaker/sharedRecord';
import {
  type BreakerRecord,
  BreakerState,
  initialRecord,
} from '../../../src/breaker/state';
import {
  type StoreCallOptions,
  storeBudgetSpent,
} from '../../../src/breaker/store/breakerStore';
import { MemoryBreakerStore } from '../../../src/breaker/store/memoryBreakerStore';
import { StoreUnavailableError } from '../../../src/errors';
import { fakeClock, fakeLogger, fakeMetrics } from './fakes';

const open: BreakerRecord = {
  ...initialRecord('payments'),
  state: BreakerState.open,
  version: 1,
  openUntilInMillis: 10_000_000,
};

/** A store whose reads wait for the test, and honour the caller's budget. */
class GatedStore extends MemoryBreakerStore {
  readonly releases: (() => void)[] = [];
  answer: BreakerRecord | undefined = open;

  override get(_name: string, options?: StoreCallOptions) {
    const budgetInMillis = options?.budgetInMillis ?? Infinity;
    return new Promise<BreakerRecord | undefined>((resolve, reject) => {
      const answer = this.answer;
      this.releases.push(() =>
        budgetInMillis < 50
          ? reject(
              new StoreUnavailableError('cut short', {
                cause: storeBudgetSpent,
              }),
            )
          : resolve(answer),
      );
    });
  }

  releaseAll(): void {
    for (const release of this.releases.splice(0)) release();
  }
}

const sharedRecordOn = (store: GatedStore) => {
  const metrics = fakeMetrics();
  const reporter = new BreakerReporter('payments', fakeLogger(), metrics);
  const clock = fakeClock();
  const shared = new SharedRecord(
    'payments',
    store,
    1000,
    clock,
    reporter,
    'failOpen',
    'env-1',
  );
  return { shared, metrics, clock };
};

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('SharedRecord.load', () => {
  it('reads again for a caller with time left when the first caller ran out', async () => {
    const store = new GatedStore();
    const { shared, metrics } = sharedRecordOn(store);

    const hurried = shared.load(10);
    const patient = shared.load(5000);
    store.releaseAll();
    await settled();
    store.releaseAll();

    expect(typeof (await hurried)).toBe('symbol');
    expect(await patient).toMatchObject({ state: BreakerState.open });
    expect(metrics.total('storeErrors')).toBe(0);
  });

  it('keeps a newer written record over an older read that arrives after it', async () => {
    const store = new GatedStore();
    store.answer = initialRecord('payments');
    const { shared } = sharedRecordOn(store);
    const reading = shared.load(5000);

    await shared.transition(
      {
        expected: initialRecord('payments'),
        next: open,
        removedBucketIndexes: [],
      },
      5000,
    );
    store.releaseAll();
    await reading;

    expect(shared.latest()).toMatchObject({
      state: BreakerState.open,
      version: 1,
    });
  });
});
