import { describe, expect, it } from 'vitest';
import { BreakerState, initialRecord } from '../../../../src/breaker/state';
import { MemoryBreakerStore } from '../../../../src/breaker/store/memoryBreakerStore';

const counts = (failures: number) => ({
  name: 'payments',
  failures,
  resetConsecutiveFailures: false,
  buckets: [],
  staleBucketIndexes: [],
  expiresAt: 1,
});

describe('MemoryBreakerStore', () => {
  it('adds counts to a breaker never written', async () => {
    const store = new MemoryBreakerStore();

    await store.addCounts(counts(1));
    const record = await store.addCounts(counts(1));

    expect(record?.consecutiveFailures).toBe(2);
  });

  it('restarts an idle-expired count only while the item is still expired', async () => {
    const store = new MemoryBreakerStore();
    await store.addCounts({ ...counts(3), expiresAt: 100 });
    const restart = {
      ...counts(1),
      resetConsecutiveFailures: true,
      expiresAt: 200,
      onlyIfExpiredBy: 150,
    };

    const first = await store.addCounts(restart);
    const second = await store.addCounts(restart);

    expect(first?.consecutiveFailures).toBe(1);
    expect(second).toBe(undefined);
  });

  it('refuses counts once the breaker is not closed', async () => {
    const store = new MemoryBreakerStore();
    const closed = initialRecord('payments');
    await store.transition({
      expected: closed,
      next: { ...closed, state: BreakerState.open, version: 1 },
      removedBucketIndexes: [],
    });

    expect(await store.addCounts(counts(1))).toBe(undefined);
  });

  it('fences transitions on the version the writer saw', async () => {
    const store = new MemoryBreakerStore();
    const closed = initialRecord('payments');
    const open = { ...closed, state: BreakerState.open, version: 1 };
    await store.transition({
      expected: closed,
      next: open,
      removedBucketIndexes: [],
    });

    const late = await store.transition({
      expected: closed,
      next: { ...closed, version: 1 },
      removedBucketIndexes: [],
    });

    expect(late).toBe(undefined);
    expect((await store.get('payments'))?.state).toBe(BreakerState.open);
  });

  it('requires an unexpired lease when a lease holder is named', async () => {
    const store = new MemoryBreakerStore();
    const closed = initialRecord('payments');
    const halfOpen = {
      ...closed,
      state: BreakerState.halfOpen,
      version: 1,
      leaseOwner: 'me',
      leaseExpiresAtInMillis: 100,
    };
    await store.transition({
      expected: closed,
      next: halfOpen,
      removedBucketIndexes: [],
    });
    const verdict = (nowInMillis: number) =>
      store.transition({
        expected: halfOpen,
        next: { ...closed, version: 2 },
        removedBucketIndexes: [],
        leaseHolder: { owner: 'me', nowInMillis },
      });

    expect(await verdict(100)).toBe(undefined);
    expect(await verdict(99)).toMatchObject({ state: BreakerState.closed });
  });
});
