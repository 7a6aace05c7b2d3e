import { ConfigurationError } from '../src/errors';

/** The deployed function's settings, read once at cold start. */
export interface FunctionConfig {
  paymentServiceUrl: string;
  breakerTable: string;
  /** Empty in AWS; set locally to reach dynalite. */
  dynamoDbEndpoint: string | undefined;
  deadlineReserveInMillis: number;
  attemptTimeoutInMillis: number;
  retryMaxAttempts: number;
  retryBaseDelayInMillis: number;
  retryMaxDelayInMillis: number;
  breakerFailureThreshold: number;
  breakerResetTimeoutInMillis: number;
  breakerCacheTtlInMillis: number;
  breakerStoreTimeoutInMillis: number;
  bulkheadMaxConcurrent: number;
  bulkheadMaxQueued: number;
  bulkheadQueueTimeoutInMillis: number;
  /** Calls in flight across the fleet; 0 turns the fleet-wide limit off. */
  fleetBulkheadLimit: number;
  lastGoodMaxAgeInMillis: number;
  /** Whether last known good answers are shared through DynamoDB. */
  lastGoodInDynamoDb: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads the function's settings from environment variables (set in
 * serverless.yml, each overridable from the shell). Defaults match the
 * README's configuration table.
 * @throws {ConfigurationError} naming the variable that is missing or invalid.
 */
export const loadConfig = (env: Env = process.env): FunctionConfig => ({
  paymentServiceUrl: required(env, 'PAYMENT_SERVICE_URL'),
  breakerTable: required(env, 'BREAKER_TABLE'),
  dynamoDbEndpoint: env.DYNAMODB_ENDPOINT || undefined,
  deadlineReserveInMillis: integer(env, 'DEADLINE_RESERVE_MS', 300, 0),
  attemptTimeoutInMillis: integer(env, 'ATTEMPT_TIMEOUT_MS', 2_000, 1),
  retryMaxAttempts: integer(env, 'RETRY_MAX_ATTEMPTS', 3, 1),
  retryBaseDelayInMillis: integer(env, 'RETRY_BASE_DELAY_MS', 100, 0),
  retryMaxDelayInMillis: integer(env, 'RETRY_MAX_DELAY_MS', 2_000, 0),
  breakerFailureThreshold: integer(env, 'BREAKER_FAILURE_THRESHOLD', 5, 1),
  breakerResetTimeoutInMillis:
    integer(env, 'BREAKER_RESET_TIMEOUT_SECONDS', 60, 1) * 1000,
  breakerCacheTtlInMillis: integer(env, 'BREAKER_CACHE_TTL_MS', 1_000, 0),
  breakerStoreTimeoutInMillis: integer(env, 'BREAKER_STORE_TIMEOUT_MS', 200, 1),
  bulkheadMaxConcurrent: integer(env, 'BULKHEAD_MAX_CONCURRENT', 10, 1),
  bulkheadMaxQueued: integer(env, 'BULKHEAD_MAX_QUEUED', 0, 0),
  bulkheadQueueTimeoutInMillis: integer(
    env,
    'BULKHEAD_QUEUE_TIMEOUT_MS',
    1_000,
    1,
  ),
  fleetBulkheadLimit: integer(env, 'FLEET_BULKHEAD_LIMIT', 0, 0),
  lastGoodMaxAgeInMillis: integer(env, 'LAST_GOOD_MAX_AGE_MS', 300_000, 1),
  lastGoodInDynamoDb: flag(env, 'LAST_GOOD_IN_DYNAMODB'),
});

const flag = (env: Env, name: string): boolean => {
  const raw = env[name];
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw new ConfigurationError(
    `environment variable ${name} must be true or false, got "${raw}"`,
  );
};

const required = (env: Env, name: string): string => {
  const value = env[name];
  if (!value) {
    throw new ConfigurationError(`environment variable ${name} is required`);
  }
  return value;
};

const integer = (
  env: Env,
  name: string,
  defaultValue: number,
  minimum: number,
): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return defaultValue;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum) {
    throw new ConfigurationError(
      `environment variable ${name} must be an integer >= ${minimum}, got "${raw}"`,
    );
  }
  return value;
};
