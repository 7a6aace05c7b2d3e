import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MiddlewareObj, Request } from '@middy/core';
import type { CircuitBreakerOptions } from '../breaker/circuitBreakerOptions';
import { CircuitBreakerPolicy } from '../breaker/circuitBreakerPolicy';
import type { BreakerStore } from '../breaker/store/breakerStore';
import { DynamoDbBreakerStore } from '../breaker/store/dynamoDbBreakerStore';
import { ConfigurationError } from '../errors';
import { pipelineFor } from '../pipeline';

/** Options of the {@link circuitBreaker} middleware. */
export interface CircuitBreakerMiddlewareOptions
  extends Omit<CircuitBreakerOptions, 'store'> {
  /**
   * Where the state lives. Without it, a DynamoDB store is made for
   * `tableName`.
   * @default a DynamoDbBreakerStore
   */
  store?: BreakerStore;
  /** The DynamoDB table, when no store is given. */
  tableName?: string;
  /**
   * The DynamoDB client, when no store is given. Create it with
   * `maxAttempts: 1`.
   * @default a client with `maxAttempts: 1`
   */
  dynamoDbClient?: DynamoDBDocumentClient;
  /** A local DynamoDB endpoint, when no client is given. @default AWS */
  endpoint?: string;
  /** Timeout of each DynamoDB request. @default 200 */
  storeTimeoutInMillis?: number;
  /** Repeats of a failed DynamoDB request. @default 1 */
  storeMaxRetries?: number;
}

/** The middleware, with the policy it installs (for tests and operators). */
export type CircuitBreakerMiddleware = MiddlewareObj & {
  readonly policy: CircuitBreakerPolicy;
};

const storeFor = (options: CircuitBreakerMiddlewareOptions): BreakerStore => {
  if (options.store !== undefined) return options.store;
  if (!options.tableName) {
    throw new ConfigurationError(
      'circuit breaker: give either a store or a tableName',
    );
  }
  return new DynamoDbBreakerStore({
    tableName: options.tableName,
    client: options.dynamoDbClient,
    endpoint: options.endpoint,
    timeoutInMillis: options.storeTimeoutInMillis,
    maxRetries: options.storeMaxRetries,
    clock: options.clock,
  });
};

/**
 * Guards the handler's downstream calls with a fleet-shared circuit breaker.
 * The policy, its store client and its cache are made once, when the
 * middleware is created (cold start); each invocation only installs it in
 * the pipeline, so calls made with `resilience(context).execute(...)` pass
 * through it. A refused call throws CircuitOpenError.
 * @throws {ConfigurationError} at creation when an option is invalid.
 */
export const circuitBreaker = (
  options: CircuitBreakerMiddlewareOptions,
): CircuitBreakerMiddleware => {
  const policy = new CircuitBreakerPolicy({
    ...options,
    store: storeFor(options),
  });
  const circuitBreakerMiddlewareBefore = (request: Request): void => {
    pipelineFor(request, options.clock).use(policy);
  };
  return { before: circuitBreakerMiddlewareBefore, policy };
};
