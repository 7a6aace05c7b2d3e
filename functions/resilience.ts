import type { MiddlewareObj, Request } from '@middy/core';
import { DynamoDbPermitStore } from '../src/bulkhead';
import { createDocumentClient } from '../src/dynamoDb/documentClient';
import { DynamoDbLastGoodStore } from '../src/fallback/dynamoDbLastGoodStore';
import type { ResilienceLogger } from '../src/logger';
import type { MetricsSink } from '../src/metrics/metricsSink';
import { bulkhead } from '../src/middlewares/bulkhead';
import { circuitBreaker } from '../src/middlewares/circuitBreaker';
import { fallback } from '../src/middlewares/fallback';
import { retry } from '../src/middlewares/retry';
import { timeouts } from '../src/middlewares/timeouts';
import type { FunctionConfig } from './config';

/** What the resilience middlewares share with the rest of the function. */
export interface Collaborators {
  cacheKey: (request: Request) => string | undefined;
  logger: ResilienceLogger;
  metrics: MetricsSink;
}

const dependency = 'paymentService';

/**
 * The resilience middlewares of the payment-service dependency, built once
 * at cold start from the function's settings, in the order they must be
 * `.use()`d: the fallback first (its onError runs after the others'), then
 * the ones that install policies into the invocation's pipeline.
 */
export const resilienceMiddlewares = (
  config: FunctionConfig,
  { cacheKey, logger, metrics }: Collaborators,
): MiddlewareObj[] => {
  const client = createDocumentClient(config.dynamoDbEndpoint);
  const tableName = config.breakerTable;
  const storeTimeoutInMillis = config.breakerStoreTimeoutInMillis;
  return [
    fallback({
      cacheKey,
      maxAgeInMillis: config.lastGoodMaxAgeInMillis,
      store: config.lastGoodInDynamoDb
        ? new DynamoDbLastGoodStore({
            tableName,
            client,
            timeoutInMillis: storeTimeoutInMillis,
            retentionInMillis: config.lastGoodMaxAgeInMillis,
          })
        : undefined,
      logger,
      metrics,
    }),
    timeouts({
      reserveInMillis: config.deadlineReserveInMillis,
      attemptTimeoutInMillis: config.attemptTimeoutInMillis,
    }),
    retry({
      maxAttempts: config.retryMaxAttempts,
      baseDelayInMillis: config.retryBaseDelayInMillis,
      maxDelayInMillis: config.retryMaxDelayInMillis,
      logger,
      metrics,
    }),
    circuitBreaker({
      name: dependency,
      tableName,
      dynamoDbClient: client,
      storeTimeoutInMillis,
      failureThreshold: config.breakerFailureThreshold,
      resetTimeoutInMillis: config.breakerResetTimeoutInMillis,
      cacheTtlInMillis: config.breakerCacheTtlInMillis,
      logger,
      metrics,
    }),
    bulkhead({
      name: dependency,
      maxConcurrent: config.bulkheadMaxConcurrent,
      maxQueued: config.bulkheadMaxQueued,
      queueTimeoutInMillis: config.bulkheadQueueTimeoutInMillis,
      fleet:
        config.fleetBulkheadLimit > 0
          ? {
              limit: config.fleetBulkheadLimit,
              store: new DynamoDbPermitStore({
                client,
                tableName,
                callTimeoutInMillis: storeTimeoutInMillis,
              }),
            }
          : undefined,
      logger,
      metrics,
    }),
  ];
};
