import type { Request } from '@middy/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { RetriesExhaustedError } from '../../../src/errors';
import { DynamoDbLastGoodStore } from '../../../src/fallback/dynamoDbLastGoodStore';
import { fallback } from '../../../src/middlewares/fallback';
import { freshTable, localDocumentClient } from '../../support/dynamodb';

const response = {
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: '{"paymentId":"pay_1","status":"settled"}',
};

describe('DynamoDbLastGoodStore on dynalite', () => {
  let tableName: string;

  beforeAll(async () => {
    tableName = await freshTable('lastgood');
  });

  const storeAt = (nowInMillis: number) =>
    new DynamoDbLastGoodStore({
      client: localDocumentClient(),
      tableName,
      timeoutInMillis: 2_000,
      retentionInMillis: 300_000,
      now: () => nowInMillis,
    });

  it('gives back the answer another environment stored', async () => {
    await storeAt(1_000_000).put('pay_1', {
      response,
      storedAtInMillis: 1_000_000,
    });

    const answer = await storeAt(1_010_000).get('pay_1');

    expect(answer).toEqual({ response, storedAtInMillis: 1_000_000 });
  });

  it('keeps only the latest answer under a key', async () => {
    const store = storeAt(2_000_000);
    await store.put('pay_2', { response, storedAtInMillis: 1_999_000 });
    await store.put('pay_2', {
      response: { ...response, body: '{"status":"refunded"}' },
      storedAtInMillis: 2_000_000,
    });

    const answer = await store.get('pay_2');

    expect(answer?.response.body).toBe('{"status":"refunded"}');
  });

  it('does not serve an item past its expiry, deleted or not', async () => {
    await storeAt(3_000_000).put('pay_3', {
      response,
      storedAtInMillis: 3_000_000,
    });

    const answer = await storeAt(3_300_000).get('pay_3');

    expect(answer).toBeUndefined();
  });

  it('gives undefined for a key never stored', async () => {
    await expect(storeAt(0).get('pay_unknown')).resolves.toBeUndefined();
  });

  it('reports an unreachable table as store unavailable', async () => {
    const store = new DynamoDbLastGoodStore({
      client: localDocumentClient(),
      tableName: 'no-such-table',
    });

    await expect(store.get('pay_1')).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    });
  });
});

describe('fallback middleware with a DynamoDB store', () => {
  it('serves stale in one environment what another one saw', async () => {
    const tableName = await freshTable('lastgood');
    const environment = () =>
      fallback({
        cacheKey: () => 'pay_9',
        store: new DynamoDbLastGoodStore({
          client: localDocumentClient(),
          tableName,
          timeoutInMillis: 2_000,
          now: () => 5_000_000,
        }),
        now: () => 5_000_000,
        logger: { debug() {}, info() {}, warn() {}, error() {} },
      });
    const success = { context: {}, response } as unknown as Request;
    const failure = {
      context: {},
      error: new RetriesExhaustedError(3),
    } as unknown as Request;

    await environment().after?.(success);
    await environment().onError?.(failure);

    expect(failure.response).toMatchObject({
      statusCode: 200,
      headers: { age: '0', 'x-cache': 'stale' },
      body: response.body,
    });
  });
});
