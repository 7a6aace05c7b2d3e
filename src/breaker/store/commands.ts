import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { BreakerState } from '../state';
import type { CountUpdate, Transition } from './breakerStore';
import { breakerKey, bucketAttribute } from './dynamoDbItem';
import { UpdateExpression } from './updateExpression';

const removeBuckets = (
  update: UpdateExpression,
  indexes: readonly number[],
): void => {
  for (const index of indexes) {
    update.remove(bucketAttribute('failures', index));
    update.remove(bucketAttribute('successes', index));
  }
};

// Every breaker write is one conditional update that answers with the item
// as written, so the writer learns the new state from its own write.
const conditionalUpdate = (
  tableName: string,
  name: string,
  update: UpdateExpression,
  clauses: readonly string[],
): UpdateCommand =>
  new UpdateCommand({
    TableName: tableName,
    Key: breakerKey(name),
    UpdateExpression: update.toString(),
    ConditionExpression: clauses.join(' AND '),
    ExpressionAttributeNames: update.names,
    ExpressionAttributeValues: update.values,
    ReturnValues: 'ALL_NEW',
  });

const closedCondition = (update: UpdateExpression): string => {
  const closed = update.value('closed', BreakerState.closed);
  // Counter writes never set a state: an item without one is closed.
  const state = update.name('state');
  return `(attribute_not_exists(${state}) OR ${state} = ${closed})`;
};

const expiredCondition = (
  update: UpdateExpression,
  expiredBy: number,
): string => {
  const expiresAt = update.name('expiresAt');
  const limit = update.value('expiredBy', expiredBy);
  return `(attribute_not_exists(${expiresAt}) OR ${expiresAt} <= ${limit})`;
};

/**
 * Adds one environment's counts to a closed breaker: ADD keeps concurrent
 * writers from losing increments, and the condition keeps counts from
 * landing on a circuit another environment opened.
 */
export const countUpdateCommand = (
  tableName: string,
  counts: CountUpdate,
): UpdateCommand => {
  const update = new UpdateExpression()
    .set('name', counts.name)
    .set('expiresAt', counts.expiresAt);
  if (counts.resetConsecutiveFailures) {
    update.set('consecutiveFailures', counts.failures);
  } else {
    update.add('consecutiveFailures', counts.failures);
  }
  for (const bucket of counts.buckets) {
    update.add(bucketAttribute('failures', bucket.index), bucket.failures);
    update.add(bucketAttribute('successes', bucket.index), bucket.successes);
  }
  removeBuckets(update, counts.staleBucketIndexes);
  const clauses = [closedCondition(update)];
  if (counts.onlyIfExpiredBy !== undefined) {
    clauses.push(expiredCondition(update, counts.onlyIfExpiredBy));
  }
  return conditionalUpdate(tableName, counts.name, update, clauses);
};

const versionCondition = (
  update: UpdateExpression,
  expectedVersion: number,
): string => {
  const version = update.name('version');
  const expected = update.value('expectedVersion', expectedVersion);
  const fence = `${version} = ${expected}`;
  // Counter writes create the item without a version: that is version 0.
  return expectedVersion === 0
    ? `(attribute_not_exists(${version}) OR ${fence})`
    : fence;
};

const leaseConditions = (
  update: UpdateExpression,
  holder: NonNullable<Transition['leaseHolder']>,
): string[] => {
  const owner = update.value('owner', holder.owner);
  const now = update.value('now', holder.nowInMillis);
  return [
    `${update.name('leaseOwner')} = ${owner}`,
    `${update.name('leaseExpiresAtInMillis')} > ${now}`,
  ];
};

/**
 * Writes a transition if the item is still at the version the writer saw
 * (and, for a probe's verdict, the writer still holds an unexpired lease).
 */
export const transitionCommand = (
  tableName: string,
  transition: Transition,
): UpdateCommand => {
  const { next, expected, leaseHolder } = transition;
  const update = new UpdateExpression()
    .set('name', next.name)
    .set('state', next.state)
    .set('version', next.version)
    .set('consecutiveFailures', next.consecutiveFailures)
    .set('openCount', next.openCount)
    .set('halfOpenSuccesses', next.halfOpenSuccesses)
    .set('openedAtInMillis', next.openedAtInMillis)
    .set('openUntilInMillis', next.openUntilInMillis)
    .set('leaseOwner', next.leaseOwner)
    .set('leaseExpiresAtInMillis', next.leaseExpiresAtInMillis)
    .set('changedBy', next.changedBy)
    .set('expiresAt', next.expiresAt);
  removeBuckets(update, transition.removedBucketIndexes);
  const clauses = [versionCondition(update, expected.version)];
  if (leaseHolder !== undefined) {
    clauses.push(...leaseConditions(update, leaseHolder));
  }
  return conditionalUpdate(tableName, next.name, update, clauses);
};
