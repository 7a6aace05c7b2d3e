import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Request } from '@middy/core';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../functions/config';
import { resilienceMiddlewares } from '../../../functions/resilience';
import { noopMetrics } from '../../../src/metrics/metricsSink';

const silent = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

const documentClient = mockClient(DynamoDBDocumentClient);

afterEach(() => documentClient.reset());

describe('resilienceMiddlewares', () => {
  it('keeps shared last good answers as long as the fallback may serve them', async () => {
    const config = loadConfig({
      PAYMENT_SERVICE_URL: 'http://127.0.0.1:9',
      BREAKER_TABLE: 'breakers',
      LAST_GOOD_IN_DYNAMODB: 'true',
      LAST_GOOD_MAX_AGE_MS: '600000',
    });
    documentClient.on(PutCommand).resolves({});
    const [fallback] = resilienceMiddlewares(config, {
      cacheKey: () => 'payment-status:pay_1',
      logger: silent,
      metrics: noopMetrics,
    });
    const request = {
      event: {},
      context: {},
      response: { statusCode: 200, headers: {}, body: '{}' },
      internal: {},
    } as unknown as Request;
    const before = Date.now();

    await fallback?.after?.(request);

    const item = documentClient.commandCalls(PutCommand)[0]?.args[0].input
      .Item as { expiresAt: number };
    expect(item.expiresAt * 1000).toBeGreaterThanOrEqual(before + 600_000);
  });
});
