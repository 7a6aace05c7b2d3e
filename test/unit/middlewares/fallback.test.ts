import type { Request } from '@middy/core';
import { describe, expect, it, vi } from 'vitest';
import {
  InvalidPaymentIdError,
  PaymentNotFoundError,
  RetriesExhaustedError,
} from '../../../src/errors';
import type { FallbackOptions } from '../../../src/middlewares/fallback';
import { fallback } from '../../../src/middlewares/fallback';

const quietLogger = () => ({
  debug: vi.fn(),
  info: vi.fn(),
  warn: vi.fn(),
  error: vi.fn(),
});

const requestFor = (
  paymentId: string,
  outcome: { response?: unknown; error?: unknown },
) =>
  ({
    event: { pathParameters: { paymentId } },
    context: {},
    response: outcome.response,
    error: outcome.error,
    internal: {},
  }) as unknown as Request;

const okResponse = (body: string) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body,
});

const byPaymentId = (request: Request) =>
  (request.event as { pathParameters: { paymentId: string } }).pathParameters
    .paymentId;

/** A fallback with a settable clock and spies for logs and metrics. */
const fallbackWith = (options: FallbackOptions = {}) => {
  let nowInMillis = 1_000_000;
  const metrics = { count: vi.fn() };
  const logger = quietLogger();
  const middleware = fallback({
    now: () => nowInMillis,
    metrics,
    logger,
    cacheKey: byPaymentId,
    ...options,
  });
  const advance = (millis: number) => {
    nowInMillis += millis;
  };
  return { middleware, metrics, logger, advance };
};

describe('fallback', () => {
  it('answers a dependency failure with a 503, its reason and Retry-After', async () => {
    const { middleware, metrics } = fallbackWith();
    const error = new RetriesExhaustedError(3, { retryAfterInMillis: 2_500 });
    const request = requestFor('pay_1', { error });

    await middleware.onError?.(request);

    expect(request.response).toEqual({
      statusCode: 503,
      headers: { 'content-type': 'application/json', 'retry-after': '3' },
      body: JSON.stringify({
        error: {
          code: 'PAYMENT_SERVICE_UNAVAILABLE',
          message:
            'Payment service is currently unavailable. Please try again later.',
          reason: 'retries_exhausted',
        },
      }),
    });
    expect(request.error).toBe(error);
    expect(metrics.count).toHaveBeenCalledWith('fallbacks', {
      reason: 'retries_exhausted',
    });
  });

  it('answers Middy early timeout as a timeout', async () => {
    const { middleware } = fallbackWith();
    const error = Object.assign(new Error('aborted'), { name: 'TimeoutError' });
    const request = requestFor('pay_1', { error });

    await middleware.onError?.(request);

    expect(request.response).toMatchObject({ statusCode: 503 });
    expect(JSON.parse(request.response.body).error.reason).toBe('timeout');
  });

  it.each([
    ['a 400', new InvalidPaymentIdError('bad id')],
    ['a 404', new PaymentNotFoundError('payment not found')],
    ['a bug', new TypeError('oops')],
  ])('leaves %s untouched', async (_, error) => {
    const { middleware } = fallbackWith();
    const request = requestFor('pay_1', { error });

    await middleware.onError?.(request);

    expect(request.response).toBeUndefined();
    expect(request.error).toBe(error);
  });

  it('leaves a response another middleware already set', async () => {
    const { middleware } = fallbackWith();
    const earlier = { statusCode: 418 };
    const request = requestFor('pay_1', {
      response: earlier,
      error: new RetriesExhaustedError(3),
    });

    await middleware.onError?.(request);

    expect(request.response).toBe(earlier);
  });

  it('serves a remembered answer stale with its age instead of a 503', async () => {
    const { middleware, metrics, advance } = fallbackWith();
    await middleware.after?.(
      requestFor('pay_1', { response: okResponse('{"status":"settled"}') }),
    );
    advance(42_700);
    const request = requestFor('pay_1', {
      error: new RetriesExhaustedError(3),
    });

    await middleware.onError?.(request);

    expect(request.response).toEqual({
      statusCode: 200,
      headers: {
        'content-type': 'application/json',
        age: '42',
        'x-cache': 'stale',
      },
      body: '{"status":"settled"}',
    });
    expect(metrics.count).toHaveBeenCalledWith('staleAnswers', {
      reason: 'retries_exhausted',
    });
  });

  it('does not serve an answer as old as the maximum age', async () => {
    const { middleware, advance } = fallbackWith({ maxAgeInMillis: 60_000 });
    await middleware.after?.(
      requestFor('pay_1', { response: okResponse('{}') }),
    );
    advance(60_000);
    const request = requestFor('pay_1', {
      error: new RetriesExhaustedError(3),
    });

    await middleware.onError?.(request);

    expect(request.response).toMatchObject({ statusCode: 503 });
  });

  it('serves only the answer remembered under the same key', async () => {
    const { middleware } = fallbackWith();
    await middleware.after?.(
      requestFor('pay_1', { response: okResponse('{}') }),
    );
    const request = requestFor('pay_2', {
      error: new RetriesExhaustedError(3),
    });

    await middleware.onError?.(request);

    expect(request.response).toMatchObject({ statusCode: 503 });
  });

  it('remembers only 200 responses', async () => {
    const { middleware } = fallbackWith();
    await middleware.after?.(
      requestFor('pay_1', { response: { statusCode: 202, body: '{}' } }),
    );
    const request = requestFor('pay_1', {
      error: new RetriesExhaustedError(3),
    });

    await middleware.onError?.(request);

    expect(request.response).toMatchObject({ statusCode: 503 });
  });

  it('remembers nothing without a cache key', async () => {
    const { middleware } = fallbackWith({ cacheKey: undefined });
    await middleware.after?.(
      requestFor('pay_1', { response: okResponse('{}') }),
    );
    const request = requestFor('pay_1', {
      error: new RetriesExhaustedError(3),
    });

    await middleware.onError?.(request);

    expect(request.response).toMatchObject({ statusCode: 503 });
  });

  it('keeps a copy, so later changes to the response are not served', async () => {
    const { middleware } = fallbackWith();
    const response = okResponse('{}');
    await middleware.after?.(requestFor('pay_1', { response }));
    response.headers['content-type'] = 'text/plain';
    const request = requestFor('pay_1', {
      error: new RetriesExhaustedError(3),
    });

    await middleware.onError?.(request);

    expect(request.response.headers['content-type']).toBe('application/json');
  });

  it('still answers when the store fails', async () => {
    const failingStore = {
      get: () => Promise.reject(new Error('store down')),
      put: () => Promise.reject(new Error('store down')),
    };
    const { middleware, logger, metrics } = fallbackWith({
      store: failingStore,
    });
    const success = requestFor('pay_1', { response: okResponse('{}') });
    const failure = requestFor('pay_1', {
      error: new RetriesExhaustedError(3),
    });

    await middleware.after?.(success);
    await middleware.onError?.(failure);

    expect(success.response).toEqual(okResponse('{}'));
    expect(failure.response).toMatchObject({ statusCode: 503 });
    expect(logger.warn).toHaveBeenCalledWith('last good store failed', {
      operation: 'put',
      error: 'store down',
    });
    expect(metrics.count).toHaveBeenCalledWith('storeErrors', {
      store: 'lastGood',
    });
  });
});
