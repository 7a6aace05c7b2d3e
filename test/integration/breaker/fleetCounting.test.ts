import { describe, expect, it } from 'vitest';
import { BreakerState } from '../../../src/breaker/state';
import { freshTable } from '../../support/dynamodb';
import { fleetOf, sharedClock } from './fleet';

describe('a breaker shared by 50 environments on DynamoDB', () => {
  it('loses no failure when 50 environments record them at once', async () => {
    const tableName = await freshTable('breaker');
    const fleet = fleetOf(50, tableName, sharedClock(), {
      failureThreshold: 10_000,
    });

    await Promise.all(
      fleet.map(async (env) => {
        for (let i = 0; i < 4; i++) await env.fail();
      }),
    );

    const record = await fleet[0]?.store.get('payments', {
      consistentRead: true,
    });
    expect(record?.consecutiveFailures).toBe(200);
    expect(record?.state).toBe(BreakerState.closed);
  });

  it('opens exactly once, and no late success turns the OPEN back', async () => {
    const tableName = await freshTable('breaker');
    const options = { failureThreshold: 60, cacheTtlInMillis: 60_000 };
    const fleet = fleetOf(50, tableName, sharedClock(), options);
    const late = fleet.slice(0, 25);
    const hammering = fleet.slice(25);
    await Promise.all(late.map((env) => env.fail()));

    await Promise.all(
      hammering.map(async (env) => {
        for (let i = 0; i < 3; i++) await env.fail();
      }),
    );
    await Promise.all(late.map((env) => env.succeed()));

    const record = await fleet[0]?.store.get('payments', {
      consistentRead: true,
    });
    const opens = fleet.flatMap((env) => env.transitions);
    expect(record?.state).toBe(BreakerState.open);
    expect(opens).toEqual(['CLOSED>OPEN']);
    expect(record?.version).toBe(1);
  });
});
