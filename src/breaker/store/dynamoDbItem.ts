import {
  type BreakerRecord,
  BreakerState,
  isBreakerState,
  type WindowBucket,
} from '../state';

/** Prefix of every breaker item's partition key: `breaker#<name>`. */
export const breakerKeyPrefix = 'breaker#';

/** The partition key of a breaker's item. */
export const breakerKey = (name: string) => ({
  pk: `${breakerKeyPrefix}${name}`,
});

/** Attribute holding a bucket's failures (`wf<index>`) or successes (`ws<index>`). */
export const bucketAttribute = (
  kind: 'failures' | 'successes',
  index: number,
): string => `${kind === 'failures' ? 'wf' : 'ws'}${index}`;

const bucketAttributePattern = /^w([fs])(\d+)$/;

const numberOr = (value: unknown, fallback: number): number =>
  typeof value === 'number' ? value : fallback;

const optionalNumber = (value: unknown): number | undefined =>
  typeof value === 'number' ? value : undefined;

const bucketsOf = (item: Record<string, unknown>): WindowBucket[] => {
  const byIndex = new Map<number, WindowBucket>();
  for (const [attribute, value] of Object.entries(item)) {
    const match = bucketAttributePattern.exec(attribute);
    if (match === null || typeof value !== 'number') continue;
    const index = Number(match[2]);
    const bucket = byIndex.get(index) ?? { index, failures: 0, successes: 0 };
    byIndex.set(
      index,
      match[1] === 'f'
        ? { ...bucket, failures: value }
        : { ...bucket, successes: value },
    );
  }
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
};

/**
 * Reads a stored item. Missing attributes take their initial values, since
 * counter writes create the item with only the attributes they touch.
 */
export const recordFromItem = (
  name: string,
  item: Record<string, unknown>,
): BreakerRecord => ({
  name,
  state: isBreakerState(item.state) ? item.state : BreakerState.closed,
  version: numberOr(item.version, 0),
  consecutiveFailures: numberOr(item.consecutiveFailures, 0),
  buckets: bucketsOf(item),
  openedAtInMillis: optionalNumber(item.openedAtInMillis),
  openUntilInMillis: optionalNumber(item.openUntilInMillis),
  openCount: numberOr(item.openCount, 0),
  leaseOwner: typeof item.leaseOwner === 'string' ? item.leaseOwner : undefined,
  leaseExpiresAtInMillis: optionalNumber(item.leaseExpiresAtInMillis),
  halfOpenSuccesses: numberOr(item.halfOpenSuccesses, 0),
  changedBy: typeof item.changedBy === 'string' ? item.changedBy : undefined,
  expiresAt: optionalNumber(item.expiresAt),
});

/** The name of the breaker an item belongs to, from its key. */
export const nameFromKey = (pk: unknown): string | undefined =>
  typeof pk === 'string' && pk.startsWith(breakerKeyPrefix)
    ? pk.slice(breakerKeyPrefix.length)
    : undefined;
