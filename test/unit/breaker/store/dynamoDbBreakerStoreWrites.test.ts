import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { BreakerState, initialRecord } from '../../../../src/breaker/state';
import { DynamoDbBreakerStore } from '../../../../src/breaker/store/dynamoDbBreakerStore';
import { StoreUnavailableError } from '../../../../src/errors';
import { mockedDocumentClient } from '../../../support/mockedDocumentClient';

const { client: documentClient, mock: dynamoDb } = mockedDocumentClient();
const store = new DynamoDbBreakerStore({
  tableName: 'breakers',
  client: documentClient,
  timeoutInMillis: 50,
});
const key = { pk: 'breaker#payments' };
const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'failed', $metadata: {} });

beforeEach(() => {
  dynamoDb.reset();
});

describe('DynamoDbBreakerStore.addCounts', () => {
  const update = {
    name: 'payments',
    failures: 1,
    resetConsecutiveFailures: false,
    buckets: [{ index: 101, failures: 1, successes: 4 }],
    staleBucketIndexes: [90],
    expiresAt: 12345,
  };

  it('adds counts atomically, only while closed, and returns the new item', async () => {
    dynamoDb.on(UpdateCommand).resolves({
      Attributes: { ...key, consecutiveFailures: 3, wf101: 1, ws101: 4 },
    });

    const record = await store.addCounts(update);

    expect(dynamoDb).toHaveReceivedCommandWith(UpdateCommand, {
      Key: key,
      UpdateExpression:
        'SET #name = :name, #expiresAt = :expiresAt ' +
        'ADD #consecutiveFailures :consecutiveFailures, #wf101 :wf101, #ws101 :ws101 ' +
        'REMOVE #wf90, #ws90',
      ConditionExpression: '(attribute_not_exists(#state) OR #state = :closed)',
      ReturnValues: 'ALL_NEW',
    });
    expect(record?.consecutiveFailures).toBe(3);
  });

  it('sets the consecutive count instead of adding when resetting', async () => {
    dynamoDb.on(UpdateCommand).resolves({ Attributes: key });

    await store.addCounts({
      ...update,
      failures: 0,
      resetConsecutiveFailures: true,
      buckets: [],
      staleBucketIndexes: [],
    });

    expect(dynamoDb).toHaveReceivedCommandWith(UpdateCommand, {
      UpdateExpression:
        'SET #name = :name, #expiresAt = :expiresAt, #consecutiveFailures = :consecutiveFailures',
    });
  });

  it('restarts an idle-expired count only while the item is still expired', async () => {
    dynamoDb.on(UpdateCommand).resolves({ Attributes: key });

    await store.addCounts({
      ...update,
      resetConsecutiveFailures: true,
      onlyIfExpiredBy: 12000,
    });

    expect(dynamoDb).toHaveReceivedCommandWith(UpdateCommand, {
      ConditionExpression:
        '(attribute_not_exists(#state) OR #state = :closed) AND ' +
        '(attribute_not_exists(#expiresAt) OR #expiresAt <= :expiredBy)',
      ExpressionAttributeValues: expect.objectContaining({
        ':expiredBy': 12000,
      }),
    });
  });

  it('returns undefined when the circuit is no longer closed', async () => {
    dynamoDb.on(UpdateCommand).rejects(conditionFailed());

    expect(await store.addCounts(update)).toBe(undefined);
    expect(dynamoDb.commandCalls(UpdateCommand)).toHaveLength(1);
  });

  it('does not repeat an add whose fate is unknown', async () => {
    dynamoDb.on(UpdateCommand).rejects(new Error('socket hang up'));

    await expect(store.addCounts(update)).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    expect(dynamoDb.commandCalls(UpdateCommand)).toHaveLength(1);
  });

  it('repeats an add once when DynamoDB throttled it', async () => {
    const throttled = Object.assign(new Error('slow down'), {
      name: 'ThrottlingException',
    });
    dynamoDb.on(UpdateCommand).rejectsOnce(throttled).resolves({
      Attributes: key,
    });

    await store.addCounts(update);

    expect(dynamoDb.commandCalls(UpdateCommand)).toHaveLength(2);
  });
});

describe('DynamoDbBreakerStore.transition', () => {
  const expected = { ...initialRecord('payments'), version: 4 };
  const next = {
    ...expected,
    state: BreakerState.halfOpen,
    version: 5,
    leaseOwner: 'env-1',
    leaseExpiresAtInMillis: 9000,
    expiresAt: 100,
  };

  it('writes the next state fenced on the version the writer saw', async () => {
    dynamoDb.on(UpdateCommand).resolves({ Attributes: { ...key, ...next } });

    const written = await store.transition({
      expected,
      next,
      removedBucketIndexes: [],
    });

    expect(dynamoDb).toHaveReceivedCommandWith(UpdateCommand, {
      ConditionExpression: '#version = :expectedVersion',
      ReturnValues: 'ALL_NEW',
    });
    const input = dynamoDb.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input?.UpdateExpression).toContain('#leaseOwner = :leaseOwner');
    expect(input?.UpdateExpression).toContain(
      'REMOVE #openedAtInMillis, #openUntilInMillis',
    );
    expect(input?.ExpressionAttributeValues).toMatchObject({
      ':expectedVersion': 4,
      ':version': 5,
      ':state': 'HALF_OPEN',
    });
    expect(written?.leaseOwner).toBe('env-1');
  });

  it('also requires an unexpired lease for a probe verdict', async () => {
    dynamoDb.on(UpdateCommand).resolves({ Attributes: key });

    await store.transition({
      expected: next,
      next: { ...next, version: 6 },
      removedBucketIndexes: [],
      leaseHolder: { owner: 'env-1', nowInMillis: 8000 },
    });

    expect(dynamoDb).toHaveReceivedCommandWith(UpdateCommand, {
      ConditionExpression:
        '#version = :expectedVersion AND #leaseOwner = :owner AND #leaseExpiresAtInMillis > :now',
    });
  });

  it('accepts an item without a version as version 0', async () => {
    dynamoDb.on(UpdateCommand).resolves({ Attributes: key });

    await store.transition({
      expected: initialRecord('payments'),
      next: { ...initialRecord('payments'), version: 1 },
      removedBucketIndexes: [],
    });

    expect(dynamoDb).toHaveReceivedCommandWith(UpdateCommand, {
      ConditionExpression:
        '(attribute_not_exists(#version) OR #version = :expectedVersion)',
    });
  });

  it('returns undefined when another writer changed the item first', async () => {
    dynamoDb.on(UpdateCommand).rejects(conditionFailed());

    expect(
      await store.transition({ expected, next, removedBucketIndexes: [] }),
    ).toBe(undefined);
  });
});
