// Simulations and tests share one deterministic random source.
export { seededRandom } from '../test/support/seededRandom';

/** Summary of a set of per-operation timings, in microseconds. */
export interface TimingSummary {
  medianInMicros: number;
  p99InMicros: number;
  samples: number;
}

/** The value below which `fraction` of the sorted samples lie. */
export const percentile = (sorted: readonly number[], fraction: number) => {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(
    sorted.length - 1,
    Math.floor(fraction * sorted.length),
  );
  return sorted[index] ?? Number.NaN;
};

/** Median and p99 of timings given in nanoseconds. */
export const summarize = (samplesInNanos: readonly number[]): TimingSummary => {
  const sorted = [...samplesInNanos].sort((a, b) => a - b);
  return {
    medianInMicros: percentile(sorted, 0.5) / 1000,
    p99InMicros: percentile(sorted, 0.99) / 1000,
    samples: sorted.length,
  };
};

/** A number rounded for a table. */
export const round = (value: number, digits = 2): number =>
  Number(value.toFixed(digits));
