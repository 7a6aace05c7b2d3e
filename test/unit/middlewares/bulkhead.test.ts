import middy, { type Request } from '@middy/core';
import type { Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { BulkheadFullError, ConfigurationError } from '../../../src/errors';
import { bulkhead } from '../../../src/middlewares/bulkhead';
import { fallback } from '../../../src/middlewares/fallback';
import { resilience } from '../../../src/pipeline';

const requestWith = (context: object) => ({ context }) as unknown as Request;

describe('bulkhead', () => {
  it('installs the bulkhead in the invocation pipeline', async () => {
    const middleware = bulkhead({ name: 'payments', maxConcurrent: 1 });
    const request = requestWith({ getRemainingTimeInMillis: () => 5_000 });

    middleware.before?.(request);

    const pipeline = resilience(request.context);
    let finish: () => void = () => undefined;
    const running = pipeline.execute(
      () => new Promise<void>((resolve) => (finish = resolve)),
    );
    await expect(pipeline.execute(async () => 'second')).rejects.toThrow(
      BulkheadFullError,
    );
    finish();
    await running;
  });

  it('shares one bulkhead across the invocations of an environment', async () => {
    const middleware = bulkhead({ name: 'payments', maxConcurrent: 1 });
    const first = requestWith({});
    const second = requestWith({});
    middleware.before?.(first);
    middleware.before?.(second);
    let finish: () => void = () => undefined;

    const running = resilience(first.context).execute(
      () => new Promise<void>((resolve) => (finish = resolve)),
    );
    const refused = resilience(second.context).execute(async () => 'other');

    await expect(refused).rejects.toThrow(BulkheadFullError);
    finish();
    await running;
  });

  it('rejects invalid options when the middleware is created', () => {
    expect(() => bulkhead({ name: 'payments', maxConcurrent: 0 })).toThrow(
      ConfigurationError,
    );
  });

  it('lets the fallback answer a refused call with 503 and reason bulkhead_full', async () => {
    const quietLogger = {
      debug: vi.fn(),
      info: vi.fn(),
      warn: vi.fn(),
      error: vi.fn(),
    };
    const context = { getRemainingTimeInMillis: () => 5_000 } as Context;
    const handler = middy(async (_event: unknown, ctx: Context) => {
      const pipeline = resilience(ctx);
      let finish: () => void = () => undefined;
      const first = pipeline.execute(
        () => new Promise<void>((resolve) => (finish = resolve)),
      );
      try {
        return await pipeline.execute(async () => 'never');
      } finally {
        finish();
        await first;
      }
    })
      .use(fallback({ logger: quietLogger }))
      .use(bulkhead({ name: 'payments', maxConcurrent: 1 }));

    // The fallback replaces the handler's string with its HTTP answer.
    const response = (await handler({}, context)) as unknown as {
      statusCode: number;
      body: string;
    };

    expect(response.statusCode).toBe(503);
    expect(JSON.parse(response.body).error.reason).toBe('bulkhead_full');
  });
});
