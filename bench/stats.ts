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

/** A deterministic random source (mulberry32), so simulations repeat. */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
