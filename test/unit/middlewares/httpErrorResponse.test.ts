import middy from '@middy/core';
import { describe, expect, it, vi } from 'vitest';
import {
  CircuitOpenError,
  InvalidPaymentIdError,
  PaymentNotFoundError,
  UpstreamStatusError,
} from '../../../src/errors';
import type { HttpResponse } from '../../../src/http/jsonResponse';
import { httpErrorResponse } from '../../../src/middlewares/httpErrorResponse';

const handlerThrowing = (error: unknown) => {
  const logger = {
    debug: vi.fn(),
    info: vi.fn(),
    warn: vi.fn(),
    error: vi.fn(),
  };
  const handler = middy(async () => {
    throw error;
  }).use(httpErrorResponse({ logger }));
  return {
    invoke: async () => (await handler({}, {} as never)) as HttpResponse,
    logger,
  };
};

describe('httpErrorResponse', () => {
  it('answers a client error with its status and code', async () => {
    const { invoke } = handlerThrowing(new InvalidPaymentIdError('bad id'));

    const response = await invoke();

    expect(response).toEqual({
      statusCode: 400,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        error: { code: 'INVALID_PAYMENT_ID', message: 'bad id' },
      }),
    });
  });

  it('answers a not-found with 404', async () => {
    const { invoke } = handlerThrowing(new PaymentNotFoundError('gone'));

    await expect(invoke()).resolves.toMatchObject({ statusCode: 404 });
  });

  it('answers a failed dependency answer with 502 and its reason', async () => {
    const { invoke } = handlerThrowing(new UpstreamStatusError(500));

    const response = await invoke();

    expect(response.statusCode).toBe(502);
    expect(JSON.parse(response.body).error).toMatchObject({
      code: 'BAD_GATEWAY',
      reason: 'upstream_error',
    });
  });

  it('answers an unreachable dependency with 503 and Retry-After', async () => {
    const error = new CircuitOpenError('payments', {
      retryAfterInMillis: 1_500,
    });
    const { invoke } = handlerThrowing(error);

    const response = await invoke();

    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('2');
  });

  it('hides unexpected errors behind a 500 and logs them without details', async () => {
    const { invoke, logger } = handlerThrowing(new Error('secret detail'));

    const response = await invoke();

    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret');
    expect(logger.error).toHaveBeenCalledOnce();
  });

  it('leaves a response that another middleware already set', async () => {
    const handler = middy(async () => {
      throw new Error('boom');
    })
      .use(httpErrorResponse())
      .use({
        onError: (request) => {
          request.response = { statusCode: 418 };
        },
      });

    await expect(handler({}, {} as never)).resolves.toEqual({
      statusCode: 418,
    });
  });
});
