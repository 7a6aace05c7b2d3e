import type { Request } from '@middy/core';
import { describe, expect, it } from 'vitest';
import { BulkheadFullError, ConfigurationError } from '../../../src/errors';
import { bulkhead } from '../../../src/middlewares/bulkhead';
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
});
