import { describe, expect, it } from 'vitest';
import { type BreakerRecord, initialRecord } from '../../../src/breaker/state';
import {
  alignColumns,
  breakerDetail,
  breakerTable,
  exactTime,
  isoTime,
  relativeTime,
} from '../../../src/cli/format';

const nowInMillis = Date.UTC(2026, 11, 3, 19, 20, 0);
const now = () => nowInMillis;

const openRecord: BreakerRecord = {
  ...initialRecord('paymentService'),
  state: 'HALF_OPEN',
  version: 4,
  consecutiveFailures: 5,
  openCount: 2,
  openedAtInMillis: nowInMillis - 90_000,
  openUntilInMillis: nowInMillis - 30_000,
  leaseOwner: '6f0c2a4e-93b1-4d2f-a8c5-1e7d9b3f0a42',
  leaseExpiresAtInMillis: nowInMillis + 4_000,
  changedBy: '6f0c2a4e-93b1-4d2f-a8c5-1e7d9b3f0a42',
  expiresAt: nowInMillis / 1000 + 86_400,
  buckets: [
    { index: 1, failures: 3, successes: 1 },
    { index: 2, failures: 2, successes: 0 },
  ],
};

describe('relativeTime', () => {
  it.each([
    [4_400, 'in 4 s'],
    [-59_000, '59 s ago'],
    [90_000, 'in 1 min'],
    [-7_200_000, '2 h ago'],
    [3 * 86_400_000, 'in 3 d'],
  ])('describes %i ms from now as "%s"', (deltaInMillis, expected) => {
    expect(relativeTime(nowInMillis + deltaInMillis, now)).toBe(expected);
  });
});

describe('isoTime and exactTime', () => {
  it('prints UTC to the second, with the distance from now', () => {
    expect(isoTime(nowInMillis + 1_234)).toBe('2026-12-03T19:20:01Z');
    expect(exactTime(nowInMillis - 60_000, now)).toBe(
      '2026-12-03T19:19:00Z (1 min ago)',
    );
    expect(exactTime(undefined, now)).toBe('-');
  });
});

describe('alignColumns', () => {
  it('pads every column to its widest cell, two spaces apart', () => {
    expect(
      alignColumns([
        ['A', 'BB'],
        ['ccc', 'd'],
      ]),
    ).toBe('A    BB\nccc  d');
  });
});

describe('breakerTable', () => {
  it('prints a header and one aligned line per breaker', () => {
    const table = breakerTable(
      [openRecord, initialRecord('ledger')],
      now,
    ).split('\n');

    expect(table).toEqual([
      'NAME            STATE      FAILURES  OPENED     OPEN UNTIL  PROBE OWNER  LEASE UNTIL',
      'paymentService  HALF_OPEN  5         1 min ago  30 s ago    6f0c2a4e…    in 4 s',
      'ledger          CLOSED     0         -          -           -            -',
    ]);
  });
});

describe('breakerDetail', () => {
  it('prints every field of the record with exact times', () => {
    const detail = breakerDetail(openRecord, now);

    expect(detail).toContain('state                 HALF_OPEN');
    expect(detail).toContain('version               4');
    expect(detail).toContain(
      'failure-rate window   5 failures, 1 success in 2 buckets',
    );
    expect(detail).toContain(
      'opened at             2026-12-03T19:18:30Z (1 min ago)',
    );
    expect(detail).toContain(
      'probe owner           6f0c2a4e-93b1-4d2f-a8c5-1e7d9b3f0a42',
    );
    expect(detail).toContain(
      'lease until           2026-12-03T19:20:04Z (in 4 s)',
    );
    expect(detail).toContain('opens since closed    2');
    expect(detail).toContain(
      'item expires          2026-12-04T19:20:00Z (in 1 d)',
    );
  });

  it('says a forced record never expires', () => {
    const forced = { ...initialRecord('x'), state: 'FORCED_OPEN' as const };

    expect(breakerDetail(forced, now)).toContain(
      'item expires          never (forced until reset)',
    );
  });
});
