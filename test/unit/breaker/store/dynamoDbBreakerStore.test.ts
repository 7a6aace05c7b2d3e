import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { BreakerState } from '../../../../src/breaker/state';
import { isBudgetSpent } from '../../../../src/breaker/store/breakerStore';
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

const firstAbortSignal = (): AbortSignal | undefined => {
  const args = dynamoDb.commandCalls(GetCommand)[0]?.args as unknown[];
  return (args[1] as { abortSignal?: AbortSignal }).abortSignal;
};

beforeEach(() => {
  dynamoDb.reset();
});

describe('DynamoDbBreakerStore.get', () => {
  it('reads the breaker item by its key, consistently when asked', async () => {
    dynamoDb.on(GetCommand).resolves({});

    await store.get('payments', { consistentRead: true });

    expect(dynamoDb).toHaveReceivedCommandWith(GetCommand, {
      TableName: 'breakers',
      Key: key,
      ConsistentRead: true,
    });
  });

  it('maps the item, buckets included, to a record', async () => {
    dynamoDb.on(GetCommand).resolves({
      Item: {
        ...key,
        state: 'OPEN',
        version: 7,
        openUntilInMillis: 5000,
        wf100: 3,
        ws100: 9,
      },
    });

    const record = await store.get('payments');

    expect(record).toMatchObject({
      name: 'payments',
      state: BreakerState.open,
      version: 7,
      openUntilInMillis: 5000,
      consecutiveFailures: 0,
      buckets: [{ index: 100, failures: 3, successes: 9 }],
    });
  });

  it('returns undefined for a breaker never written', async () => {
    dynamoDb.on(GetCommand).resolves({});

    expect(await store.get('payments')).toBe(undefined);
  });

  it('gives every request its own abort signal', async () => {
    dynamoDb.on(GetCommand).resolves({});

    await store.get('payments');

    expect(firstAbortSignal()).toBeInstanceOf(AbortSignal);
  });

  it('retries a failed read once, then reports the store unavailable', async () => {
    dynamoDb.on(GetCommand).rejects(new Error('socket hang up'));

    await expect(store.get('payments')).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    expect(dynamoDb.commandCalls(GetCommand)).toHaveLength(2);
  });

  it('aborts a request that outlives its timeout', async () => {
    dynamoDb.on(GetCommand).callsFake(() => new Promise(() => {}));
    const impatient = new DynamoDbBreakerStore({
      tableName: 'breakers',
      client: documentClient,
      timeoutInMillis: 10,
      maxRetries: 0,
    });

    await expect(impatient.get('payments')).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    expect(firstAbortSignal()?.aborted).toBe(true);
  });

  it('sends nothing when the caller has no time left, and says so', async () => {
    dynamoDb.on(GetCommand).resolves({});

    const error = await store
      .get('payments', { budgetInMillis: 0 })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(isBudgetSpent(error)).toBe(true);
    expect(dynamoDb.commandCalls(GetCommand)).toHaveLength(0);
  });

  it('gives up when the caller can spare no more, blaming the budget', async () => {
    dynamoDb.on(GetCommand).callsFake(() => new Promise(() => {}));

    const error = await store
      .get('payments', { budgetInMillis: 5 })
      .catch((e: unknown) => e);

    expect(isBudgetSpent(error)).toBe(true);
    expect(dynamoDb.commandCalls(GetCommand)).toHaveLength(1);
  });

  it('blames the store for a timeout of its own', async () => {
    dynamoDb.on(GetCommand).callsFake(() => new Promise(() => {}));

    const error = await store
      .get('payments', { budgetInMillis: 10_000 })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(isBudgetSpent(error)).toBe(false);
  });
});

describe('DynamoDbBreakerStore.list', () => {
  it('scans breaker items only, page after page', async () => {
    dynamoDb
      .on(ScanCommand)
      .resolvesOnce({
        Items: [{ pk: 'breaker#a', state: 'OPEN' }],
        LastEvaluatedKey: { pk: 'breaker#a' },
      })
      .resolvesOnce({ Items: [{ pk: 'breaker#b' }] });

    const records = await store.list();

    expect(records.map((r) => [r.name, r.state])).toEqual([
      ['a', 'OPEN'],
      ['b', 'CLOSED'],
    ]);
    expect(dynamoDb).toHaveReceivedCommandWith(ScanCommand, {
      FilterExpression: 'begins_with(#pk, :prefix)',
      ExpressionAttributeValues: { ':prefix': 'breaker#' },
    });
  });
});

describe('DynamoDbBreakerStore options', () => {
  it('requires a table name', () => {
    expect(() => new DynamoDbBreakerStore({ tableName: '' })).toThrow(
      'tableName is required',
    );
  });
});
