import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StoreFailurePolicy } from '../../../src/breaker/circuitBreakerOptions';
import { DynamoDbBreakerStore } from '../../../src/breaker/store/dynamoDbBreakerStore';
import { AttemptTimeoutError } from '../../../src/errors';
import { callScope } from '../../support/callScope';
import { mockedDocumentClient } from '../../support/mockedDocumentClient';
import { environment, fakeClock, settle } from './fakes';

const { client: documentClient, mock: dynamoDb } = mockedDocumentClient();
const key = { pk: 'breaker#payments' };

beforeEach(() => {
  dynamoDb.reset();
  dynamoDb.on(GetCommand).resolves({});
  dynamoDb.on(UpdateCommand).resolves({
    Attributes: { ...key, consecutiveFailures: 1 },
  });
});

const dynamoDbEnvironment = (
  storeFailurePolicy: StoreFailurePolicy = 'failOpen',
) => {
  const clock = fakeClock();
  const store = new DynamoDbBreakerStore({
    tableName: 'breakers',
    client: documentClient,
    timeoutInMillis: 200,
    clock,
  });
  const env = environment(store, clock, { storeFailurePolicy });
  const scope = (remainingInMillis: number, reserveInMillis: number) =>
    callScope({ now: clock, remainingInMillis, reserveInMillis });
  // The attempt timeout is capped by the deadline: the call ends exactly there.
  const cutOffAtDeadline = (
    remainingInMillis: number,
    reserveInMillis: number,
  ) =>
    settle(
      env.policy.execute(
        async () => {
          clock.advance(remainingInMillis);
          throw new AttemptTimeoutError(remainingInMillis);
        },
        scope(remainingInMillis, reserveInMillis),
      ),
    );
  return { clock, env, scope, cutOffAtDeadline };
};

describe('CircuitBreakerPolicy at the invocation deadline', () => {
  it('counts a failure cut off at the deadline, writing within the reserve', async () => {
    const { env, cutOffAtDeadline } = dynamoDbEnvironment();

    await cutOffAtDeadline(300, 200);

    expect(dynamoDb.commandCalls(UpdateCommand)).toHaveLength(1);
    expect(env.metrics.total('storeErrors')).toBe(0);
  });

  it('never blames the store for a write that had no time left', async () => {
    const { env, scope, cutOffAtDeadline } = dynamoDbEnvironment('failClosed');

    await cutOffAtDeadline(300, 0);
    const next = await env.policy.execute(async () => 'ok', scope(3000, 0));

    expect(next).toBe('ok');
    expect(dynamoDb.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(env.metrics.total('storeErrors')).toBe(0);
    expect(env.logger.warn).not.toHaveBeenCalled();
    expect(env.logger.debug).toHaveBeenCalledWith(
      'circuit breaker store call skipped',
      expect.objectContaining({ operation: 'addCounts' }),
    );
  });

  it('never blames the store for a timeout the reserve cut short', async () => {
    dynamoDb.on(UpdateCommand).callsFake(() => new Promise(() => {}));
    const { env, cutOffAtDeadline } = dynamoDbEnvironment();

    await cutOffAtDeadline(300, 5);

    expect(dynamoDb.commandCalls(UpdateCommand)).toHaveLength(1);
    expect(env.metrics.total('storeErrors')).toBe(0);
    expect(env.logger.warn).not.toHaveBeenCalled();
  });
});
