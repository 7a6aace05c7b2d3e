import {
  type BreakerRecord,
  BreakerState,
  initialRecord,
  type WindowBucket,
} from '../state';
import type { BreakerStore, CountUpdate, Transition } from './breakerStore';

const addBuckets = (
  current: readonly WindowBucket[],
  added: readonly WindowBucket[],
  stale: readonly number[],
): WindowBucket[] => {
  const byIndex = new Map(current.map((b) => [b.index, b]));
  for (const index of stale) byIndex.delete(index);
  for (const bucket of added) {
    const before = byIndex.get(bucket.index);
    byIndex.set(bucket.index, {
      index: bucket.index,
      failures: (before?.failures ?? 0) + bucket.failures,
      successes: (before?.successes ?? 0) + bucket.successes,
    });
  }
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
};

const holdsLease = (
  record: BreakerRecord,
  holder: Transition['leaseHolder'],
): boolean =>
  holder === undefined ||
  (record.leaseOwner === holder.owner &&
    (record.leaseExpiresAtInMillis ?? 0) > holder.nowInMillis);

const isExpiredBy = (
  record: BreakerRecord,
  expiredBy: number | undefined,
): boolean =>
  expiredBy === undefined ||
  record.expiresAt === undefined ||
  record.expiresAt <= expiredBy;

/**
 * A {@link BreakerStore} in this process's memory, with the same conditional
 * semantics as the DynamoDB store. For unit tests, and for a single
 * long-running process where no fleet shares the state.
 */
export class MemoryBreakerStore implements BreakerStore {
  private readonly records = new Map<string, BreakerRecord>();

  async get(name: string): Promise<BreakerRecord | undefined> {
    return this.records.get(name);
  }

  async addCounts(update: CountUpdate): Promise<BreakerRecord | undefined> {
    const current = this.records.get(update.name) ?? initialRecord(update.name);
    if (current.state !== BreakerState.closed) return undefined;
    if (!isExpiredBy(current, update.onlyIfExpiredBy)) return undefined;

    const next: BreakerRecord = {
      ...current,
      consecutiveFailures: update.resetConsecutiveFailures
        ? update.failures
        : current.consecutiveFailures + update.failures,
      buckets: addBuckets(
        current.buckets,
        update.buckets,
        update.staleBucketIndexes,
      ),
      expiresAt: update.expiresAt,
    };
    this.records.set(update.name, next);
    return next;
  }

  async transition(transition: Transition): Promise<BreakerRecord | undefined> {
    const { expected, next } = transition;
    const current =
      this.records.get(expected.name) ?? initialRecord(expected.name);
    if (current.version !== expected.version) return undefined;
    if (!holdsLease(current, transition.leaseHolder)) return undefined;

    // Like the DynamoDB store, a transition touches buckets only by removal.
    const removed = new Set(transition.removedBucketIndexes);
    const written: BreakerRecord = {
      ...next,
      buckets: current.buckets.filter((b) => !removed.has(b.index)),
    };
    this.records.set(expected.name, written);
    return written;
  }

  async list(): Promise<BreakerRecord[]> {
    return [...this.records.values()];
  }
}
