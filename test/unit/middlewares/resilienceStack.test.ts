import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  InvalidPaymentIdError,
  UpstreamStatusError,
} from '../../../src/errors';
import { fallback } from '../../../src/middlewares/fallback';
import { retry } from '../../../src/middlewares/retry';
import { timeouts } from '../../../src/middlewares/timeouts';
import { resilience } from '../../../src/pipeline';

type Event = { pathParameters?: { paymentId?: string } };
type Answer = {
  statusCode: number;
  body: string;
  headers?: Record<string, string>;
};
type Downstream = (id: string, signal: AbortSignal) => Promise<unknown>;

const quietLogger = {
  debug: vi.fn(),
  info: vi.fn(),
  warn: vi.fn(),
  error: vi.fn(),
};

// Read Date.now at each call, so that vitest's fake clock is the one used.
const fakeClock = () => Date.now();

/** A handler wired like getPaymentStatus, around a fake downstream. */
const handlerFor = (downstream: Downstream, reserveInMillis = 300) =>
  middy(
    async (
      event: Event,
      context: Context,
      { signal }: { signal: AbortSignal },
    ): Promise<Answer> => {
      const id = event.pathParameters?.paymentId;
      if (!id) throw new InvalidPaymentIdError('payment id is required');
      const status = await resilience(context).execute(
        (scope) => downstream(id, scope.signal),
        { signal },
      );
      return { statusCode: 200, body: JSON.stringify(status) };
    },
    { timeoutEarlyInMillis: 5 },
  )
    .use(
      fallback({
        cacheKey: (request) =>
          (request.event as Event).pathParameters?.paymentId,
        logger: quietLogger,
        now: fakeClock,
      }),
    )
    .use(retry({ random: () => 0, logger: quietLogger }))
    .use(
      timeouts({
        attemptTimeoutInMillis: 2_000,
        reserveInMillis,
        now: fakeClock,
      }),
    );

const eventFor = (paymentId: string): Event => ({
  pathParameters: { paymentId },
});

const lambdaContext = (remainingInMillis: number): Context => {
  const endsAtInMillis = Date.now() + remainingInMillis;
  return {
    getRemainingTimeInMillis: () => endsAtInMillis - Date.now(),
  } as Context;
};

// Like fetch: never answers, and rejects with the reason once aborted.
const neverAnswers: Downstream = (_id, signal) =>
  new Promise((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason));
  });

const bodyOf = (response: { body: string }) => JSON.parse(response.body);

describe('timeouts, retry and fallback on a Middy handler', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers 200 after two 503s, with exactly three downstream calls', async () => {
    const downstream = vi
      .fn<Downstream>()
      .mockRejectedValueOnce(new UpstreamStatusError(503))
      .mockRejectedValueOnce(new UpstreamStatusError(503))
      .mockResolvedValueOnce({ status: 'settled' });

    const result = handlerFor(downstream)(
      eventFor('pay_1'),
      lambdaContext(6_000),
    );
    await vi.runAllTimersAsync();

    await expect(result).resolves.toEqual({
      statusCode: 200,
      body: '{"status":"settled"}',
    });
    expect(downstream).toHaveBeenCalledTimes(3);
  });

  it('gives the fallback before the Lambda timeout when the service never answers', async () => {
    const downstream = vi.fn(neverAnswers);

    const result = handlerFor(downstream)(
      eventFor('pay_1'),
      lambdaContext(6_000),
    );
    await vi.advanceTimersByTimeAsync(5_700);
    const response = await result;

    expect(response.statusCode).toBe(503);
    expect(bodyOf(response).error.reason).toBe('retries_exhausted');
    expect(downstream).toHaveBeenCalledTimes(3);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('answers with the fallback when Middy times out first', async () => {
    const downstream = vi.fn(neverAnswers);
    const handler = handlerFor(downstream, 0);

    const result = handler(eventFor('pay_1'), lambdaContext(200));
    await vi.advanceTimersByTimeAsync(195);
    const response = await result;

    expect(response.statusCode).toBe(503);
    expect(bodyOf(response).error.reason).toBe('timeout');
    expect(downstream).toHaveBeenCalledOnce();
  });

  it('passes the wait a 429 asked for on to the client when the deadline is nearer', async () => {
    const downstream = vi
      .fn<Downstream>()
      .mockRejectedValue(
        new UpstreamStatusError(429, { retryAfterInMillis: 30_000 }),
      );

    const response = await handlerFor(downstream)(
      eventFor('pay_1'),
      lambdaContext(6_000),
    );

    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('30');
    expect(downstream).toHaveBeenCalledTimes(1);
  });

  it('makes no downstream call for a bad request', async () => {
    const downstream = vi.fn<Downstream>();

    const result = handlerFor(downstream)({}, lambdaContext(6_000));

    await expect(result).rejects.toBeInstanceOf(InvalidPaymentIdError);
    expect(downstream).not.toHaveBeenCalled();
  });

  it('serves the last good answer stale while the service fails', async () => {
    const downstream = vi
      .fn<Downstream>()
      .mockResolvedValueOnce({ status: 'settled' })
      .mockRejectedValue(new UpstreamStatusError(503));
    const handler = handlerFor(downstream);
    await handler(eventFor('pay_1'), lambdaContext(6_000));
    await vi.advanceTimersByTimeAsync(10_000);

    const result = handler(eventFor('pay_1'), lambdaContext(6_000));
    await vi.runAllTimersAsync();
    const response = await result;

    expect(response).toMatchObject({
      statusCode: 200,
      headers: { age: '10', 'x-cache': 'stale' },
      body: '{"status":"settled"}',
    });
  });
});
