import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, StoreUnavailableError } from '../../../src/errors';
import { DynamoDbLastGoodStore } from '../../../src/fallback/dynamoDbLastGoodStore';

const documentClient = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: 'us-east-1' }),
);
const dynamoDb = mockClient(documentClient);

const response = { statusCode: 200, body: '{"status":"settled"}' };

const storeWith = (now = () => 1_000_000) =>
  new DynamoDbLastGoodStore({
    client: documentClient,
    tableName: 'resilience',
    timeoutInMillis: 100,
    retentionInMillis: 300_000,
    now,
  });

describe('DynamoDbLastGoodStore', () => {
  beforeEach(() => {
    dynamoDb.reset();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes one item keyed lastgood#<key> with its expiry in epoch seconds', async () => {
    dynamoDb.on(PutCommand).resolves({});

    await storeWith().put('pay_123', {
      response,
      storedAtInMillis: 1_000_500,
    });

    expect(dynamoDb).toHaveReceivedCommandWith(PutCommand, {
      TableName: 'resilience',
      Item: {
        pk: 'lastgood#pay_123',
        response,
        storedAtInMillis: 1_000_500,
        expiresAt: 1_301,
      },
    });
  });

  it('reads the item back as an answer', async () => {
    dynamoDb.on(GetCommand, { Key: { pk: 'lastgood#pay_123' } }).resolves({
      Item: {
        pk: 'lastgood#pay_123',
        response,
        storedAtInMillis: 999_000,
        expiresAt: 1_299,
      },
    });

    const answer = await storeWith().get('pay_123');

    expect(answer).toEqual({ response, storedAtInMillis: 999_000 });
  });

  it('ignores an expired item that TTL has not deleted yet', async () => {
    dynamoDb.on(GetCommand).resolves({
      Item: { response, storedAtInMillis: 0, expiresAt: 1_000 },
    });

    await expect(storeWith().get('pay_123')).resolves.toBeUndefined();
  });

  it('gives undefined when there is no item', async () => {
    dynamoDb.on(GetCommand).resolves({});

    await expect(storeWith().get('pay_123')).resolves.toBeUndefined();
  });

  it('passes an abort signal with every request', async () => {
    dynamoDb.on(GetCommand).resolves({});

    await storeWith().get('pay_123');

    const [, options] = dynamoDb.call(0).args as unknown[];
    expect(options).toMatchObject({ abortSignal: expect.any(AbortSignal) });
  });

  it('aborts a request that takes longer than its timeout', async () => {
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    vi.spyOn(documentClient, 'send').mockImplementationOnce(
      (_command: unknown, options: unknown) => {
        signal = (options as { abortSignal: AbortSignal }).abortSignal;
        return new Promise((_, reject) => {
          signal?.addEventListener('abort', () => reject(signal?.reason));
        });
      },
    );

    const result = storeWith().get('pay_123');
    const assertion = expect(result).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    await vi.advanceTimersByTimeAsync(100);

    await assertion;
    expect(signal?.aborted).toBe(true);
  });

  it('reports a failed request as store unavailable', async () => {
    dynamoDb.on(PutCommand).rejects(new Error('ProvisionedThroughputExceeded'));

    const result = storeWith().put('pay_123', {
      response,
      storedAtInMillis: 0,
    });

    await expect(result).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
      cause: expect.objectContaining({
        message: 'ProvisionedThroughputExceeded',
      }),
    });
  });

  it('requires a table name', () => {
    expect(() => new DynamoDbLastGoodStore({ tableName: '' })).toThrow(
      ConfigurationError,
    );
  });
});
