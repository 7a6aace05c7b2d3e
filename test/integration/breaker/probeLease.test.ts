import { describe, expect, it } from 'vitest';
import { BreakerState } from '../../../src/breaker/state';
import {
  AttemptTimeoutError,
  CircuitOpenError,
  UpstreamStatusError,
} from '../../../src/errors';
import { freshTable } from '../../support/dynamodb';
import { fleetOf, sharedClock } from './fleet';

const options = {
  resetTimeoutInMillis: 2_000,
  cacheTtlInMillis: 500,
  clockSkewToleranceInMillis: 100,
};

const openedFleet = async (size: number) => {
  const tableName = await freshTable('breaker');
  const clock = sharedClock();
  const fleet = fleetOf(size, tableName, clock, options);
  for (let i = 0; i < 5; i++) await fleet[0]?.fail();
  clock.advance(2_000);
  return { clock, fleet };
};

const stateOf = async (
  fleet: Awaited<ReturnType<typeof openedFleet>>['fleet'],
) => fleet[0]?.store.get('payments', { consistentRead: true });

describe('the probe lease on DynamoDB', () => {
  it('goes to exactly one of 50 environments asking at once', async () => {
    const { fleet } = await openedFleet(50);
    let release = () => {};
    const held = new Promise<string>((resolve) => {
      release = () => resolve('ok');
    });
    const asking = fleet.slice(1);

    let refused = 0;
    const results = asking.map((env) =>
      env
        .run(() => held)
        .catch((error: unknown) => {
          refused += 1;
          return error;
        }),
    );
    await waitUntil(async () => refused === 48);
    release();
    const settled = await Promise.all(results);

    expect(asking.filter((env) => env.calls() === 1)).toHaveLength(1);
    expect(settled.filter((r) => r instanceof CircuitOpenError)).toHaveLength(
      48,
    );
    expect((await stateOf(fleet))?.state).toBe(BreakerState.closed);
  });

  it('passes to another environment when the owner dies with its lease', async () => {
    const { clock, fleet } = await openedFleet(3);
    const [, owner, next] = fleet;
    let ownerDies: (error: Error) => void = () => {};
    const orphan = owner?.run(
      () =>
        new Promise<string>((_, reject) => {
          ownerDies = reject;
        }),
      1_000,
    );
    await waitUntil(async () => (await stateOf(fleet))?.leaseOwner === 'env-1');

    clock.advance(1_000 + 100);
    await next?.succeed();
    ownerDies(new UpstreamStatusError(503));
    await orphan?.catch(() => undefined);

    const record = await stateOf(fleet);
    expect(next?.calls()).toBe(1);
    expect(record?.state).toBe(BreakerState.closed);
    expect(record?.changedBy).toBe('env-2');
  });

  it('reopens the circuit when the probe is cut off at the deadline', async () => {
    const { clock, fleet } = await openedFleet(2);

    await fleet[1]
      ?.run(
        async () => {
          clock.advance(300);
          throw new AttemptTimeoutError(300);
        },
        300,
        200,
      )
      .catch(() => undefined);

    expect(await stateOf(fleet)).toMatchObject({
      state: BreakerState.open,
      openCount: 2,
      changedBy: 'env-1',
    });
  });
});

// Real time, loosely bounded: a condition never met fails the test rather
// than hanging it until the runner's timeout.
const waitUntil = async (
  condition: () => Promise<boolean>,
  giveUpAfterInMillis = 5_000,
) => {
  const giveUpAt = Date.now() + giveUpAfterInMillis;
  while (!(await condition())) {
    if (Date.now() > giveUpAt) throw new Error('condition never met');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
