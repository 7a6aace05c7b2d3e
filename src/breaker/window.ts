import type { BreakerRules } from './rules';
import type { WindowBucket } from './state';

/** The index of the bucket `nowInMillis` falls in. */
export const bucketIndexAt = (
  nowInMillis: number,
  rules: BreakerRules,
): number => Math.floor(nowInMillis / rules.bucketInMillis);

const oldestLiveIndex = (nowInMillis: number, rules: BreakerRules): number =>
  bucketIndexAt(nowInMillis, rules) - rules.failureRateBucketCount + 1;

/** True when the bucket still lies inside the window ending now. */
export const isLiveBucket = (
  index: number,
  nowInMillis: number,
  rules: BreakerRules,
): boolean => index >= oldestLiveIndex(nowInMillis, rules);

/** Calls and failures the window ending now holds. */
export interface WindowTotals {
  readonly failures: number;
  readonly calls: number;
}

/** Sums the live buckets of the window ending now. */
export const windowTotals = (
  buckets: readonly WindowBucket[],
  nowInMillis: number,
  rules: BreakerRules,
): WindowTotals => {
  const oldest = oldestLiveIndex(nowInMillis, rules);
  let failures = 0;
  let calls = 0;
  for (const bucket of buckets) {
    if (bucket.index < oldest) continue;
    failures += bucket.failures;
    calls += bucket.failures + bucket.successes;
  }
  return { failures, calls };
};

/** Indexes of buckets that fell out of the window and can be deleted. */
export const staleBucketIndexes = (
  buckets: readonly WindowBucket[],
  nowInMillis: number,
  rules: BreakerRules,
): number[] => {
  const oldest = oldestLiveIndex(nowInMillis, rules);
  return buckets.filter((b) => b.index < oldest).map((b) => b.index);
};

/** True when the failure-rate rule is on and the window says trip. */
export const failureRateExceeded = (
  buckets: readonly WindowBucket[],
  nowInMillis: number,
  rules: BreakerRules,
): boolean => {
  const threshold = rules.failureRateThresholdPercent;
  if (threshold === undefined) return false;
  const { failures, calls } = windowTotals(buckets, nowInMillis, rules);
  if (calls < rules.failureRateMinimumCalls) return false;
  return failures * 100 >= threshold * calls;
};
