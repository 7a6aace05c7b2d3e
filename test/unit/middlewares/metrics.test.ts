import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import type { ResilienceLogger } from '../../../src/logger';
import {
  type FlushableMetricsSink,
  MetricName,
} from '../../../src/metrics/metricsSink';
import { metrics } from '../../../src/middlewares/metrics';

const context = {
  getRemainingTimeInMillis: () => 5_000,
} as unknown as Context;

/** Remembers what each flush would have written. */
const recordingSink = () => {
  let pending: string[] = [];
  const flushes: string[][] = [];
  const sink: FlushableMetricsSink = {
    count: (name) => {
      pending.push(name);
    },
    flush: vi.fn(() => {
      flushes.push(pending);
      pending = [];
    }),
  };
  return { sink, flushes };
};

const recordingLogger = (): ResilienceLogger => ({
  debug: vi.fn(),
  info: vi.fn(),
  warn: vi.fn(),
  error: vi.fn(),
});

describe('metrics', () => {
  it('flushes once after an invocation that answers', async () => {
    const { sink, flushes } = recordingSink();
    const handler = middy(async () => {
      sink.count(MetricName.calls);
      return 'ok';
    }).use(metrics({ sink }));

    const result = await handler({}, context);

    expect(result).toBe('ok');
    expect(flushes).toEqual([['calls']]);
  });

  it('flushes once after an invocation that fails, and lets the error through', async () => {
    const { sink, flushes } = recordingSink();
    const failure = new Error('boom');
    const handler = middy(async () => {
      sink.count(MetricName.failures, { reason: 'timeout' });
      throw failure;
    }).use(metrics({ sink }));

    await expect(handler({}, context)).rejects.toBe(failure);
    expect(flushes).toEqual([['failures']]);
  });

  it('flushes after the inner middlewares have counted', async () => {
    const { sink, flushes } = recordingSink();
    const fallback = {
      onError: (request: { response: unknown }) => {
        sink.count(MetricName.fallbacks, { reason: 'timeout' });
        request.response = 'fallback';
      },
    };
    const handler = middy(async () => {
      throw new Error('boom');
    })
      .use(metrics({ sink }))
      .use(fallback);

    const result = await handler({}, context);

    expect(result).toBe('fallback');
    expect(flushes).toEqual([['fallbacks']]);
  });

  it('logs a failed flush and never fails the invocation for it', async () => {
    const logger = recordingLogger();
    const sink: FlushableMetricsSink = {
      count: () => undefined,
      flush: () => {
        throw new Error('serialization failed');
      },
    };
    const handler = middy(async () => 'ok').use(metrics({ sink, logger }));

    const result = await handler({}, context);

    expect(result).toBe('ok');
    expect(logger.warn).toHaveBeenCalledWith('metrics flush failed', {
      error: 'serialization failed',
    });
  });
});
