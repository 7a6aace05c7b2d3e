import { describe, expect, it } from 'vitest';
import { BreakerState } from '../../../src/breaker/state';
import { AttemptTimeoutError } from '../../../src/errors';
import { freshTable } from '../../support/dynamodb';
import { fleetOf, sharedClock } from './fleet';

type Environment = ReturnType<typeof fleetOf>[number];

// The attempt timeout is capped by the deadline: the call ends exactly there.
const cutOffAtDeadline = (
  env: Environment,
  clock: ReturnType<typeof sharedClock>,
  reserveInMillis: number,
) =>
  env
    .run(
      async () => {
        clock.advance(300);
        throw new AttemptTimeoutError(300);
      },
      300,
      reserveInMillis,
    )
    .catch((error: unknown) => error);

describe('a breaker on DynamoDB at the invocation deadline', () => {
  it('counts failures cut off at the deadline, writing within the reserve', async () => {
    const tableName = await freshTable('breaker');
    const clock = sharedClock();
    const fleet = fleetOf(5, tableName, clock);

    for (const env of fleet) await cutOffAtDeadline(env, clock, 300);

    const record = await fleet[0]?.store.get('payments', {
      consistentRead: true,
    });
    expect(record?.state).toBe(BreakerState.open);
    expect(fleet.flatMap((env) => env.counts)).not.toContain('storeErrors');
  });

  it('keeps trusting the store after a write that had no time left', async () => {
    const tableName = await freshTable('breaker');
    const clock = sharedClock();
    const [env] = fleetOf(1, tableName, clock, {
      storeFailurePolicy: 'failClosed',
    });
    if (env === undefined) throw new Error('no environment');

    await cutOffAtDeadline(env, clock, 0);
    const next = await env.succeed();

    expect(next).toBe('ok');
    expect(env.counts).not.toContain('storeErrors');
  });
});
