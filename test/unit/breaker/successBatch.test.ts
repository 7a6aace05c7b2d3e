import { describe, expect, it } from 'vitest';
import { resolveRules } from '../../../src/breaker/rules';
import { SuccessBatch } from '../../../src/breaker/successBatch';

const rules = resolveRules({
  failureRateWindowInMillis: 60_000,
  failureRateBucketCount: 6,
});
const start = 1_000_000;

describe('SuccessBatch', () => {
  it('is due once the threshold of successes piled up', () => {
    const batch = new SuccessBatch(rules, 3, 5000, start);
    batch.add(start);
    batch.add(start);

    expect(batch.isDue(start)).toBe(false);
    batch.add(start);
    expect(batch.isDue(start)).toBe(true);
  });

  it('drops the successes held under another record version', () => {
    const batch = new SuccessBatch(rules, 100, 5000, start);
    batch.follow(0);
    batch.add(start);
    batch.add(start);

    batch.follow(3);

    expect(batch.drain(start, 1)).toEqual([
      { index: start / 10_000, failures: 1, successes: 0 },
    ]);
  });

  it('is due once the interval passed with successes held back', () => {
    const batch = new SuccessBatch(rules, 100, 5000, start);

    expect(batch.isDue(start + 5000)).toBe(false);
    batch.add(start);
    expect(batch.isDue(start + 5000)).toBe(true);
  });

  it('drains per bucket, adding the failure to the current one', () => {
    const batch = new SuccessBatch(rules, 100, 5000, start);
    batch.add(start);
    batch.add(start + 10_000);

    const buckets = batch.drain(start + 10_000, 1);

    expect(buckets).toEqual([
      { index: 100, failures: 0, successes: 1 },
      { index: 101, failures: 1, successes: 1 },
    ]);
    expect(batch.isDue(start + 99_999)).toBe(false);
  });

  it('drops successes that left the window', () => {
    const batch = new SuccessBatch(rules, 100, 5000, start);
    batch.add(start);

    expect(batch.drain(start + 60_000, 0)).toEqual([]);
  });
});
