import type { RandomSource } from '../clock';

/** The shape of the backoff; see {@link fullJitterDelayInMillis}. */
export interface BackoffOptions {
  /** Upper bound of the first retry's delay. */
  readonly baseDelayInMillis: number;
  /** No delay is ever longer than this. */
  readonly maxDelayInMillis: number;
}

/**
 * Exponential backoff with full jitter:
 * `random(0, min(maxDelay, base × 2^retryIndex))`, in whole milliseconds.
 * Spreading retries over the whole window de-synchronises the clients that
 * failed together, which does the least total work of the common strategies.
 *
 * @param retryIndex 0 before the first retry, 1 before the second, and so on.
 * @param random uniform in [0, 1); injected so tests are deterministic.
 */
export const fullJitterDelayInMillis = (
  retryIndex: number,
  options: BackoffOptions,
  random: RandomSource,
): number => {
  const ceilingInMillis = Math.min(
    options.maxDelayInMillis,
    options.baseDelayInMillis * 2 ** retryIndex,
  );
  return Math.floor(random() * ceilingInMillis);
};
