import { describe, expect, it } from 'vitest';
import { BreakerState } from '../../../src/breaker/state';
import { freshTable } from '../../support/dynamodb';
import { fleetOf, sharedClock } from './fleet';

const dayInMillis = 86_400_000;

describe('a breaker item that outlived its TTL on DynamoDB', () => {
  it('counts every failure when five environments saw the item expired', async () => {
    const tableName = await freshTable('breaker');
    const clock = sharedClock();
    const fleet = fleetOf(6, tableName, clock);
    await fleet[0]?.fail();
    await fleet[0]?.succeed();
    clock.advance(dayInMillis + 5_000);
    for (const env of fleet) await env.succeed();

    await Promise.all(fleet.slice(0, 5).map((env) => env.fail()));

    const record = await fleet[0]?.store.get('payments', {
      consistentRead: true,
    });
    expect(record?.state).toBe(BreakerState.open);
    expect(fleet.flatMap((env) => env.transitions)).toEqual(['CLOSED>OPEN']);
  });

  it('starts the count again from one on the first failure', async () => {
    const tableName = await freshTable('breaker');
    const clock = sharedClock();
    const [env] = fleetOf(1, tableName, clock);
    for (let i = 0; i < 4; i++) await env?.fail();
    clock.advance(dayInMillis + 5_000);

    await env?.fail();

    const record = await env?.store.get('payments', { consistentRead: true });
    expect(record?.consecutiveFailures).toBe(1);
  });
});
