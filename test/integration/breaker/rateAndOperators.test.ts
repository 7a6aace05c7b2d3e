import { describe, expect, it } from 'vitest';
import { forceBreaker, resetBreaker } from '../../../src/breaker/operator';
import { BreakerState } from '../../../src/breaker/state';
import { CircuitOpenError } from '../../../src/errors';
import { freshTable } from '../../support/dynamodb';
import { environment, sharedClock } from './fleet';

const rateOptions = {
  failureThreshold: 1_000,
  failureRateThresholdPercent: 50,
  failureRateMinimumCalls: 10,
};

describe('the failure-rate rule on DynamoDB', () => {
  it('opens when half the calls of two environments fail, and clears its buckets', async () => {
    const tableName = await freshTable('breaker');
    const clock = sharedClock();
    const a = environment(tableName, 'a', clock, {
      ...rateOptions,
      cacheTtlInMillis: 0,
      successFlushThreshold: 1,
    });
    const b = environment(tableName, 'b', clock, rateOptions);

    for (let i = 0; i < 5; i++) {
      await a.succeed();
      await b.fail();
    }

    const record = await a.store.get('payments', { consistentRead: true });
    expect(record?.state).toBe(BreakerState.open);
    expect(record?.buckets).toEqual([]);
    expect(b.transitions).toEqual(['CLOSED>OPEN']);
  });

  it('deletes buckets that left the window with the next write', async () => {
    const tableName = await freshTable('breaker');
    const clock = sharedClock();
    const env = environment(tableName, 'a', clock, rateOptions);
    await env.fail();

    clock.advance(70_000);
    await env.fail();

    const record = await env.store.get('payments', { consistentRead: true });
    expect(record?.buckets).toHaveLength(1);
    expect(record?.buckets[0]?.failures).toBe(1);
  });
});

describe('operators on DynamoDB', () => {
  it('force a breaker open, list it, and reset it', async () => {
    const tableName = await freshTable('breaker');
    const clock = sharedClock();
    const env = environment(tableName, 'a', clock, { cacheTtlInMillis: 0 });
    await env.succeed();

    await forceBreaker(env.store, 'payments', BreakerState.forcedOpen);
    const refused = await env.succeed().catch((error: unknown) => error);
    const listed = await env.store.list();
    await resetBreaker(env.store, 'payments');

    expect(refused).toBeInstanceOf(CircuitOpenError);
    expect(listed.map((r) => [r.name, r.state, r.changedBy])).toEqual([
      ['payments', 'FORCED_OPEN', 'operator'],
    ]);
    expect(await env.succeed()).toBe('ok');
  });
});
