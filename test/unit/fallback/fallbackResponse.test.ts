import { describe, expect, it } from 'vitest';
import {
  AttemptTimeoutError,
  BulkheadFullError,
  CircuitOpenError,
  DeadlineExceededError,
  InvalidPaymentIdError,
  PaymentNotFoundError,
  RetriesExhaustedError,
  RetryBudgetExhaustedError,
  UpstreamNetworkError,
  UpstreamStatusError,
} from '../../../src/errors';
import { fallbackDefaults } from '../../../src/fallback/fallbackOptions';
import {
  handledFailure,
  isFresh,
  staleResponse,
  unavailableResponse,
} from '../../../src/fallback/fallbackResponse';

const settings = { ...fallbackDefaults, reasons: {} };

const bodyOf = (failure: ReturnType<typeof handledFailure>) =>
  JSON.parse(unavailableResponse(failure ?? fail(), settings).body ?? '');

const fail = (): never => {
  throw new Error('expected a handled failure');
};

const middyTimeout = () =>
  Object.assign(new Error('[AbortError]: The operation was aborted.'), {
    name: 'TimeoutError',
  });

describe('handledFailure', () => {
  it.each([
    [new RetriesExhaustedError(3), 'retries_exhausted'],
    [new RetryBudgetExhaustedError(2), 'retry_budget_exhausted'],
    [new DeadlineExceededError('no time left'), 'timeout'],
    [new AttemptTimeoutError(2_000), 'timeout'],
    [new CircuitOpenError('payments'), 'circuit_open'],
    [new BulkheadFullError('payments'), 'bulkhead_full'],
    [new UpstreamStatusError(503), 'upstream_error'],
    [new UpstreamNetworkError('reset'), 'network_error'],
    [middyTimeout(), 'timeout'],
  ])('reports %s as reason %s', (error, reason) => {
    expect(bodyOf(handledFailure(error))).toEqual({
      error: {
        code: 'PAYMENT_SERVICE_UNAVAILABLE',
        message:
          'Payment service is currently unavailable. Please try again later.',
        reason,
      },
    });
  });

  it.each([
    [new InvalidPaymentIdError('bad id')],
    [new PaymentNotFoundError('payment not found')],
    [new TypeError('a bug')],
    ['a string'],
  ])('leaves %s to the error-response middleware', (error) => {
    expect(handledFailure(error)).toBeUndefined();
  });
});

describe('unavailableResponse', () => {
  it('answers 503 JSON with the default Retry-After', () => {
    const response = unavailableResponse(
      new RetriesExhaustedError(3),
      settings,
    );

    expect(response.statusCode).toBe(503);
    expect(response.headers).toEqual({
      'content-type': 'application/json',
      'retry-after': '5',
    });
  });

  it('rounds the failure wait up to whole seconds', () => {
    const failure = new RetriesExhaustedError(3, { retryAfterInMillis: 1_200 });

    const response = unavailableResponse(failure, settings);

    expect(response.headers['retry-after']).toBe('2');
  });

  it('uses the configured status, code, message and reason names', () => {
    const response = unavailableResponse(new RetryBudgetExhaustedError(2), {
      statusCode: 502,
      code: 'UPSTREAM_DOWN',
      message: 'Try later.',
      defaultRetryAfterInSeconds: 30,
      reasons: { retry_budget_exhausted: 'overloaded' },
    });

    expect(response.statusCode).toBe(502);
    expect(response.headers['retry-after']).toBe('30');
    expect(JSON.parse(response.body ?? '')).toEqual({
      error: {
        code: 'UPSTREAM_DOWN',
        message: 'Try later.',
        reason: 'overloaded',
      },
    });
  });
});

describe('staleResponse', () => {
  const answer = {
    response: {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"status":"settled"}',
    },
    storedAtInMillis: 10_000,
  };

  it('serves the remembered answer with its age in whole seconds', () => {
    const response = staleResponse(answer, 72_999, { 'x-cache': 'stale' });

    expect(response).toEqual({
      statusCode: 200,
      headers: {
        'content-type': 'application/json',
        age: '62',
        'x-cache': 'stale',
      },
      body: '{"status":"settled"}',
    });
  });

  it('treats an answer as fresh only while younger than the maximum age', () => {
    expect(isFresh(answer, 309_999, 300_000)).toBe(true);
    expect(isFresh(answer, 310_000, 300_000)).toBe(false);
  });
});
