import { describe, expect, it } from 'vitest';
import {
  maxRetryAfterInMillis,
  parseRetryAfter,
} from '../../../src/retry/retryAfter';

const now = () => Date.parse('2026-12-03T12:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delta-seconds as milliseconds', () => {
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date relative to the clock', () => {
    expect(parseRetryAfter('Thu, 03 Dec 2026 12:00:05 GMT', now)).toBe(5_000);
  });

  it('reads the obsolete RFC 850 and asctime date forms', () => {
    expect(parseRetryAfter('Thursday, 03-Dec-26 12:00:07 GMT', now)).toBe(
      7_000,
    );
    expect(parseRetryAfter('Thu Dec  3 12:00:09 2026', now)).toBe(9_000);
  });

  it('gives zero for a date in the past', () => {
    expect(parseRetryAfter('Thu, 03 Dec 2026 11:00:00 GMT', now)).toBe(0);
  });

  it.each([
    [null],
    [undefined],
    [''],
    ['-1'],
    ['1.5'],
    ['soon'],
    ['12abc'],
    ['Thu, 99 Smarch 2026'],
    ['abc 2030'],
    ['2026-12-03T12:00:05Z'],
    ['Tue 1'],
    ['retry 3'],
  ])('ignores %j', (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });

  it('caps absurdly long waits', () => {
    expect(parseRetryAfter('999999999', now)).toBe(maxRetryAfterInMillis);
  });
});
