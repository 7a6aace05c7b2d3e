import { describe, expect, it } from 'vitest';
import { redactId } from '../../src/logger';

describe('redactId', () => {
  it('keeps only the last four characters of a longer id', () => {
    expect(redactId('pay_1234567')).toBe('…4567');
  });

  it('masks an id too short to shorten', () => {
    expect(redactId('abcd')).toBe('****');
  });
});
