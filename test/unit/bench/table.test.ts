import { describe, expect, it } from 'vitest';
import { formatNumber, ratio, renderTable } from '../../../bench/table';

describe('formatNumber', () => {
  it('groups the thousands of integers', () => {
    expect(formatNumber(31_300)).toBe('31,300');
  });

  it('keeps at most two decimals by default', () => {
    expect(formatNumber(2.345_6)).toBe('2.35');
    expect(formatNumber(0.123_4, 3)).toBe('0.123');
  });
});

describe('ratio', () => {
  it('divides by the baseline', () => {
    expect(ratio(5, 2)).toBe('×2.5');
  });

  it('shows three decimals for small ratios, so they never read zero', () => {
    expect(ratio(5, 1_000)).toBe('×0.005');
  });

  it('says n/a against a zero baseline', () => {
    expect(ratio(5, 0)).toBe('n/a');
  });
});

describe('renderTable', () => {
  it('left-aligns the names and right-aligns the figures under a rule', () => {
    const lines = renderTable(
      ['name', 'calls'],
      [
        ['a', 1_050],
        ['longer', 5],
      ],
    );

    expect(lines).toEqual([
      'name    calls',
      '------  -----',
      'a       1,050',
      'longer      5',
    ]);
  });
});
