import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { MemoryBreakerStore } from '../../../src/breaker/store/memoryBreakerStore';
import {
  CircuitOpenError,
  ConfigurationError,
  UpstreamStatusError,
} from '../../../src/errors';
import { circuitBreaker } from '../../../src/middlewares/circuitBreaker';
import { resilience } from '../../../src/pipeline';
import { fakeClock, fakeLogger } from '../breaker/fakes';

const lambdaContext = (): Context =>
  ({ getRemainingTimeInMillis: () => 3000 }) as unknown as Context;

const handlerCalling = (
  dependency: () => Promise<string>,
  store = new MemoryBreakerStore(),
) => {
  const middleware = circuitBreaker({
    name: 'payments',
    store,
    clock: fakeClock(),
    logger: fakeLogger(),
  });
  return middy(async (_event: unknown, context: Context) =>
    resilience(context).execute(dependency),
  ).use(middleware);
};

describe('circuitBreaker middleware', () => {
  it('runs the handler calls through the breaker', async () => {
    const handler = handlerCalling(async () => 'paid');

    expect(await handler({}, lambdaContext())).toBe('paid');
  });

  it('refuses calls once five invocations failed', async () => {
    let calls = 0;
    const handler = handlerCalling(async () => {
      calls += 1;
      throw new UpstreamStatusError(502);
    });
    for (let i = 0; i < 5; i++) {
      await handler({}, lambdaContext()).catch(() => undefined);
    }

    const refused = await handler({}, lambdaContext()).catch((e) => e);

    expect(refused).toBeInstanceOf(CircuitOpenError);
    expect(calls).toBe(5);
  });

  it('rejects invalid options when it is created', () => {
    expect(() =>
      circuitBreaker({
        name: 'payments',
        store: new MemoryBreakerStore(),
        failureThreshold: 0,
      }),
    ).toThrow(ConfigurationError);
  });

  it('requires a store or a table name', () => {
    expect(() => circuitBreaker({ name: 'payments' })).toThrow(
      'give either a store or a tableName',
    );
  });

  it('makes a DynamoDB store from a table name', () => {
    const middleware = circuitBreaker({
      name: 'payments',
      tableName: 'breakers',
      endpoint: 'http://127.0.0.1:1',
    });

    expect(middleware.policy.name).toBe('payments');
  });
});
