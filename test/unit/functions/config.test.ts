import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../functions/config';
import { ConfigurationError } from '../../../src/errors';

const minimal = {
  PAYMENT_SERVICE_URL: 'http://127.0.0.1:4010',
  BREAKER_TABLE: 'breakers',
};

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig(minimal)).toEqual({
      paymentServiceUrl: 'http://127.0.0.1:4010',
      breakerTable: 'breakers',
      dynamoDbEndpoint: undefined,
      deadlineReserveInMillis: 300,
      attemptTimeoutInMillis: 2_000,
      retryMaxAttempts: 3,
      retryBaseDelayInMillis: 100,
      retryMaxDelayInMillis: 2_000,
      breakerFailureThreshold: 5,
      breakerResetTimeoutInMillis: 60_000,
      breakerCacheTtlInMillis: 1_000,
      breakerStoreTimeoutInMillis: 200,
      bulkheadMaxConcurrent: 10,
      bulkheadMaxQueued: 0,
      bulkheadQueueTimeoutInMillis: 1_000,
      fleetBulkheadLimit: 0,
      lastGoodMaxAgeInMillis: 300_000,
      lastGoodInDynamoDb: false,
    });
  });

  it('reads overrides and converts seconds to milliseconds', () => {
    const config = loadConfig({
      ...minimal,
      BREAKER_RESET_TIMEOUT_SECONDS: '2',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
    });

    expect(config.breakerResetTimeoutInMillis).toBe(2_000);
    expect(config.dynamoDbEndpoint).toBe('http://127.0.0.1:8000');
  });

  it('names a missing required variable', () => {
    expect(() => loadConfig({ BREAKER_TABLE: 'b' })).toThrow(
      /PAYMENT_SERVICE_URL is required/,
    );
  });

  it('reads a boolean flag and refuses anything but true or false', () => {
    expect(
      loadConfig({ ...minimal, LAST_GOOD_IN_DYNAMODB: 'true' })
        .lastGoodInDynamoDb,
    ).toBe(true);
    expect(() =>
      loadConfig({ ...minimal, LAST_GOOD_IN_DYNAMODB: 'yes' }),
    ).toThrow(/LAST_GOOD_IN_DYNAMODB must be true or false/);
  });

  it.each(['abc', '1.5', '0'])('refuses RETRY_MAX_ATTEMPTS=%j', (value) => {
    expect(() => loadConfig({ ...minimal, RETRY_MAX_ATTEMPTS: value })).toThrow(
      ConfigurationError,
    );
  });
});
