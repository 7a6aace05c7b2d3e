import type { BreakerRules } from './rules';
import type { WindowBucket } from './state';
import { bucketIndexAt, isLiveBucket } from './window';

/**
 * The successes one environment saw for the failure-rate window and has not
 * written yet. Healthy calls are counted here, in memory, and reach the
 * store with the next write, or once `flushThreshold` of them pile up or
 * `flushIntervalInMillis` passes while the window holds failures.
 */
export class SuccessBatch {
  private readonly pending = new Map<number, number>();
  private size = 0;
  private lastFlushAtInMillis: number;
  private version: number | undefined;

  constructor(
    private readonly rules: BreakerRules,
    private readonly flushThreshold: number,
    private readonly flushIntervalInMillis: number,
    nowInMillis: number,
  ) {
    this.lastFlushAtInMillis = nowInMillis;
  }

  /**
   * Ties the batch to the record version the environment sees. Successes
   * held under another version were seen before a trip (or a reset): the
   * window they belong to was cleared, so adding them to the new one would
   * make its failure rate look better than it is. They are dropped.
   */
  follow(version: number): void {
    if (version === this.version) return;
    this.version = version;
    this.pending.clear();
    this.size = 0;
  }

  /** Counts one success in the bucket of `nowInMillis`. */
  add(nowInMillis: number): void {
    const index = bucketIndexAt(nowInMillis, this.rules);
    const before = this.pending.get(index);
    if (before === undefined) this.dropStale(nowInMillis);
    this.pending.set(index, (before ?? 0) + 1);
    this.size += 1;
  }

  // Runs once per new bucket, so a process that never flushes stays small.
  private dropStale(nowInMillis: number): void {
    for (const [index, successes] of this.pending) {
      if (isLiveBucket(index, nowInMillis, this.rules)) continue;
      this.pending.delete(index);
      this.size -= successes;
    }
  }

  /** True when enough successes or enough time piled up to write them. */
  isDue(nowInMillis: number): boolean {
    return (
      this.size >= this.flushThreshold ||
      (this.size > 0 &&
        nowInMillis - this.lastFlushAtInMillis >= this.flushIntervalInMillis)
    );
  }

  /**
   * Empties the batch into buckets to add, with `failures` more failures in
   * the current bucket. Buckets that left the window are dropped.
   */
  drain(nowInMillis: number, failures: number): WindowBucket[] {
    const current = bucketIndexAt(nowInMillis, this.rules);
    const buckets: WindowBucket[] = [];
    for (const [index, successes] of this.pending) {
      if (!isLiveBucket(index, nowInMillis, this.rules)) continue;
      const added = index === current ? failures : 0;
      buckets.push({ index, failures: added, successes });
    }
    if (failures > 0 && !this.pending.has(current)) {
      buckets.push({ index: current, failures, successes: 0 });
    }
    this.pending.clear();
    this.size = 0;
    this.lastFlushAtInMillis = nowInMillis;
    return buckets;
  }
}
