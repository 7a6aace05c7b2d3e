import { describe, expect, it } from 'vitest';
import { fullJitterDelayInMillis } from '../../../src/retry/backoff';
import { seededRandom } from '../../support/seededRandom';

const options = { baseDelayInMillis: 100, maxDelayInMillis: 2_000 };

describe('fullJitterDelayInMillis', () => {
  it('doubles the ceiling with each retry', () => {
    const almostOne = () => 0.999_999;

    const ceilings = [0, 1, 2, 3].map((retryIndex) =>
      fullJitterDelayInMillis(retryIndex, options, almostOne),
    );

    expect(ceilings).toEqual([99, 199, 399, 799]);
  });

  it('never goes above the maximum delay', () => {
    const random = seededRandom(42);

    for (let retryIndex = 0; retryIndex < 64; retryIndex++) {
      const delay = fullJitterDelayInMillis(retryIndex, options, random);
      expect(delay).toBeLessThan(2_000);
    }
    expect(fullJitterDelayInMillis(2_000, options, () => 0.999)).toBe(1_998);
  });

  it('can be as short as zero', () => {
    expect(fullJitterDelayInMillis(5, options, () => 0)).toBe(0);
  });

  it('spreads delays evenly over the whole window', () => {
    const random = seededRandom(7);
    const samples = Array.from({ length: 10_000 }, () =>
      fullJitterDelayInMillis(3, options, random),
    );
    const quarterCounts = [0, 0, 0, 0];
    for (const delay of samples) {
      quarterCounts[Math.floor(delay / 200)] =
        (quarterCounts[Math.floor(delay / 200)] ?? 0) + 1;
    }

    expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...samples)).toBeLessThan(800);
    for (const count of quarterCounts) {
      expect(count).toBeGreaterThan(2_300);
      expect(count).toBeLessThan(2_700);
    }
  });
});
