import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { Bulkhead } from '../../../src/bulkhead/bulkhead';
import { DynamoDbPermitStore } from '../../../src/bulkhead/fleet/dynamoDbPermitStore';
import { BulkheadFullError } from '../../../src/errors';
import type { ResilienceLogger } from '../../../src/logger';
import { callScope } from '../../support/callScope';
import { freshTable, localDocumentClient } from '../../support/dynamodb';

const quietLogger: ResilienceLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

const pause = (millis: number) =>
  new Promise((resolve) => setTimeout(resolve, millis));

let tableName: string;

/** One Lambda environment: its own client, store and bulkhead. */
const environment = (name: string, now: () => number = Date.now) =>
  new Bulkhead({
    name,
    maxConcurrent: 1,
    logger: quietLogger,
    fleet: {
      limit: 5,
      // Refuse rather than run unlimited if dynalite stalls under load.
      failOpen: false,
      now,
      store: new DynamoDbPermitStore({
        client: localDocumentClient(),
        tableName,
        callTimeoutInMillis: 5_000,
      }),
    },
  });

const scope = (now: () => number = Date.now) => callScope({ now });

const slotItems = async (name: string) => {
  const { Items = [] } = await localDocumentClient().send(
    new ScanCommand({ TableName: tableName, ConsistentRead: true }),
  );
  return Items.filter((item) =>
    String(item.pk).startsWith(`bulkhead#${name}#`),
  );
};

describe('the fleet bulkhead on DynamoDB', () => {
  beforeAll(async () => {
    tableName = await freshTable('bulkhead');
  });

  it('never lets more than 5 of 50 concurrent environments hold a permit', async () => {
    let held = 0;
    let mostHeld = 0;
    let granted = 0;
    let refused = 0;
    const heldCall = async () => {
      held += 1;
      granted += 1;
      mostHeld = Math.max(mostHeld, held);
      await pause(5 + Math.random() * 20);
      held -= 1;
    };
    const runEnvironment = async () => {
      const bulkhead = environment('crowd');
      for (let call = 0; call < 4; call += 1) {
        try {
          await bulkhead.execute(heldCall, scope());
        } catch (error) {
          if (!(error instanceof BulkheadFullError)) throw error;
          refused += 1;
          await pause(Math.random() * 10);
        }
      }
    };

    await Promise.all(Array.from({ length: 50 }, runEnvironment));

    expect(mostHeld).toBeGreaterThan(0);
    expect(mostHeld).toBeLessThanOrEqual(5);
    expect(granted + refused).toBe(200);
    expect(granted).toBeGreaterThanOrEqual(5);
    expect(await slotItems('crowd')).toEqual([]);
  });

  it('reclaims the permits of environments that died holding them', async () => {
    const startInMillis = Date.now();
    const deadStore = new DynamoDbPermitStore({
      client: localDocumentClient(),
      tableName,
    });
    for (let slot = 0; slot < 5; slot += 1) {
      await deadStore.tryTake({
        bulkheadName: 'orphans',
        slot,
        ownerId: `dead-${slot}`,
        nowInMillis: startInMillis,
        leaseExpiresAtInMillis: startInMillis + 1_000,
      });
    }
    const beforeExpiry = () => startInMillis + 999;
    const afterExpiry = () => startInMillis + 1_001;

    const early = environment('orphans', beforeExpiry).execute(
      async () => 'early',
      scope(beforeExpiry),
    );
    await expect(early).rejects.toThrow(BulkheadFullError);
    const late = await environment('orphans', afterExpiry).execute(
      async () => 'late',
      scope(afterExpiry),
    );

    expect(late).toBe('late');
    const remaining = await slotItems('orphans');
    expect(remaining).toHaveLength(4);
    expect(
      remaining.every((item) => item.leaseExpiresAtInMillis < afterExpiry()),
    ).toBe(true);
  });
});
