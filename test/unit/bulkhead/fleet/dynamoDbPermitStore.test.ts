import {
  ConditionalCheckFailedException,
  DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbPermitStore } from '../../../../src/bulkhead/fleet/dynamoDbPermitStore';
import {
  ConfigurationError,
  StoreUnavailableError,
} from '../../../../src/errors';

const documentClient = mockClient(DynamoDBDocumentClient);

const documentClientStub = () =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: 'us-east-1', maxAttempts: 1 }),
  );

const store = () =>
  new DynamoDbPermitStore({
    client: documentClientStub(),
    tableName: 'breakers',
  });

const conditionFailure = () =>
  new ConditionalCheckFailedException({
    message: 'The conditional request failed',
    $metadata: {},
  });

const request = {
  bulkheadName: 'payments',
  slot: 3,
  ownerId: 'env-1#7',
  nowInMillis: 1_000_000,
  leaseExpiresAtInMillis: 1_004_500,
};

describe('DynamoDbPermitStore', () => {
  beforeEach(() => {
    documentClient.reset();
  });

  it('takes a slot with one conditional put on a free or expired lease', async () => {
    documentClient.on(PutCommand).resolves({});

    const taken = await store().tryTake(request);

    expect(taken).toBe(true);
    expect(documentClient).toHaveReceivedCommandWith(PutCommand, {
      TableName: 'breakers',
      Item: {
        pk: 'bulkhead#payments#3',
        ownerId: 'env-1#7',
        leaseExpiresAtInMillis: 1_004_500,
        expiresAt: 1_005,
      },
      ConditionExpression:
        'attribute_not_exists(pk) OR leaseExpiresAtInMillis < :now',
      ExpressionAttributeValues: { ':now': 1_000_000 },
    });
  });

  it('reports a slot held by a live lease as not taken', async () => {
    documentClient.on(PutCommand).rejects(conditionFailure());

    await expect(store().tryTake(request)).resolves.toBe(false);
  });

  it('turns any other failure into StoreUnavailableError', async () => {
    documentClient.on(PutCommand).rejects(new Error('socket hang up'));

    await expect(store().tryTake(request)).rejects.toThrow(
      StoreUnavailableError,
    );
  });

  it('gives a slot back with a delete conditional on the owner', async () => {
    documentClient.on(DeleteCommand).resolves({});

    await store().give(request);

    expect(documentClient).toHaveReceivedCommandWith(DeleteCommand, {
      TableName: 'breakers',
      Key: { pk: 'bulkhead#payments#3' },
      ConditionExpression: 'ownerId = :owner',
      ExpressionAttributeValues: { ':owner': 'env-1#7' },
    });
  });

  it('leaves a slot alone when its lease passed to another owner', async () => {
    documentClient.on(DeleteCommand).rejects(conditionFailure());

    await expect(store().give(request)).resolves.toBeUndefined();
  });

  it('rejects a call timeout of 0 at construction', () => {
    expect(
      () =>
        new DynamoDbPermitStore({
          client: documentClientStub(),
          tableName: 'breakers',
          callTimeoutInMillis: 0,
        }),
    ).toThrow(ConfigurationError);
  });
});
