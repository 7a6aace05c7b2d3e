import { type BreakerRecord, BreakerState } from '../breaker/state';
import type { Clock } from '../clock';

const secondInMillis = 1_000;
const minuteInMillis = 60 * secondInMillis;
const hourInMillis = 60 * minuteInMillis;
const dayInMillis = 24 * hourInMillis;

const spans = [
  { millis: dayInMillis, unit: 'd' },
  { millis: hourInMillis, unit: 'h' },
  { millis: minuteInMillis, unit: 'min' },
] as const;

/** A duration from now, such as `in 42 s` or `3 min ago`. */
export const relativeTime = (atInMillis: number, now: Clock): string => {
  const deltaInMillis = atInMillis - now();
  const size = Math.abs(deltaInMillis);
  const span = spans.find((s) => size >= s.millis);
  const amount = span
    ? `${Math.floor(size / span.millis)} ${span.unit}`
    : `${Math.round(size / secondInMillis)} s`;
  return deltaInMillis >= 0 ? `in ${amount}` : `${amount} ago`;
};

/** An instant in UTC to the second, such as `2026-12-03T19:20:48Z`. */
export const isoTime = (atInMillis: number): string =>
  new Date(atInMillis).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** An instant with its distance from now, or `-` when absent. */
export const exactTime = (
  atInMillis: number | undefined,
  now: Clock,
): string =>
  atInMillis === undefined
    ? '-'
    : `${isoTime(atInMillis)} (${relativeTime(atInMillis, now)})`;

const shortTime = (atInMillis: number | undefined, now: Clock): string =>
  atInMillis === undefined ? '-' : relativeTime(atInMillis, now);

// Environment ids are UUIDs; their first characters tell them apart in a
// table, and `show` prints them whole.
const ownerLengthInList = 8;

const shortOwner = (owner: string | undefined): string => {
  if (owner === undefined) return '-';
  return owner.length > ownerLengthInList + 1
    ? `${owner.slice(0, ownerLengthInList)}…`
    : owner;
};

const listHeader = [
  'NAME',
  'STATE',
  'FAILURES',
  'OPENED',
  'OPEN UNTIL',
  'PROBE OWNER',
  'LEASE UNTIL',
];

const listRow = (record: BreakerRecord, now: Clock): string[] => [
  record.name,
  record.state,
  String(record.consecutiveFailures),
  shortTime(record.openedAtInMillis, now),
  shortTime(record.openUntilInMillis, now),
  shortOwner(record.leaseOwner),
  shortTime(record.leaseExpiresAtInMillis, now),
];

/** Rows padded into aligned columns, two spaces apart. */
export const alignColumns = (rows: readonly string[][]): string => {
  const widths = rows[0]?.map((_, column) =>
    Math.max(...rows.map((row) => row[column]?.length ?? 0)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths?.[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
};

/**
 * The `list` table: one line per breaker, times relative to now and probe
 * owners shortened (`show` and `--json` give them exactly).
 */
export const breakerTable = (
  records: readonly BreakerRecord[],
  now: Clock,
): string => alignColumns([listHeader, ...records.map((r) => listRow(r, now))]);

const count = (amount: number, noun: string): string =>
  `${amount} ${noun}${amount === 1 ? '' : noun.endsWith('s') ? 'es' : 's'}`;

const windowSummary = (record: BreakerRecord): string => {
  if (record.buckets.length === 0) return '-';
  const failures = record.buckets.reduce((sum, b) => sum + b.failures, 0);
  const successes = record.buckets.reduce((sum, b) => sum + b.successes, 0);
  const buckets = record.buckets.length;
  return (
    `${count(failures, 'failure')}, ${count(successes, 'success')} ` +
    `in ${count(buckets, 'bucket')}`
  );
};

const itemExpiry = (record: BreakerRecord, now: Clock): string => {
  if (record.expiresAt !== undefined) {
    return exactTime(record.expiresAt * secondInMillis, now);
  }
  return record.state === BreakerState.forcedOpen ||
    record.state === BreakerState.forcedClosed
    ? 'never (forced until reset)'
    : '-';
};

/** Every field of one breaker, one per line, for `show`. */
export const breakerDetail = (record: BreakerRecord, now: Clock): string =>
  alignColumns([
    ['name', record.name],
    ['state', record.state],
    ['version', String(record.version)],
    ['consecutive failures', String(record.consecutiveFailures)],
    ['failure-rate window', windowSummary(record)],
    ['opened at', exactTime(record.openedAtInMillis, now)],
    ['open until', exactTime(record.openUntilInMillis, now)],
    ['opens since closed', String(record.openCount)],
    ['probe owner', record.leaseOwner ?? '-'],
    ['lease until', exactTime(record.leaseExpiresAtInMillis, now)],
    ['half-open successes', String(record.halfOpenSuccesses)],
    ['changed by', record.changedBy ?? '-'],
    ['item expires', itemExpiry(record, now)],
  ]);
