import { describe, expect, it } from 'vitest';
import { percentile, seededRandom, summarize } from '../../../bench/stats';

describe('percentile', () => {
  it('picks the sample below which the fraction lies', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);

    expect(percentile(sorted, 0.5)).toBe(51);
    expect(percentile(sorted, 0.99)).toBe(100);
  });

  it('is NaN without samples', () => {
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe('summarize', () => {
  it('gives median and p99 in microseconds from nanoseconds, unsorted', () => {
    const samples = Array.from({ length: 100 }, (_, i) => (100 - i) * 1_000);

    expect(summarize(samples)).toEqual({
      medianInMicros: 51,
      p99InMicros: 100,
      samples: 100,
    });
  });
});

describe('seededRandom', () => {
  it('repeats its sequence for the same seed', () => {
    const first = seededRandom(42);
    const second = seededRandom(42);

    const a = Array.from({ length: 5 }, first);
    const b = Array.from({ length: 5 }, second);

    expect(a).toEqual(b);
  });

  it('stays within [0, 1)', () => {
    const random = seededRandom(1);

    for (let i = 0; i < 10_000; i++) {
      const value = random();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});
