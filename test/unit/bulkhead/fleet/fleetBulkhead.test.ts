import { describe, expect, it, vi } from 'vitest';
import { Bulkhead } from '../../../../src/bulkhead/bulkhead';
import type { FleetLimitOptions } from '../../../../src/bulkhead/fleet/fleetBulkhead';
import { InMemoryPermitStore } from '../../../../src/bulkhead/fleet/inMemoryPermitStore';
import type { PermitStore } from '../../../../src/bulkhead/fleet/permitStore';
import { Deadline } from '../../../../src/deadline/deadline';
import {
  BulkheadFullError,
  DeadlineExceededError,
  StoreUnavailableError,
} from '../../../../src/errors';
import type { ResilienceLogger } from '../../../../src/logger';
import type { MetricsSink } from '../../../../src/metrics/metricsSink';
import type { CallScope } from '../../../../src/pipeline';
import { callScope } from '../../../support/callScope';

const startInMillis = 1_000_000;

const scopeAt = (nowInMillis: number, overrides: Partial<CallScope> = {}) =>
  callScope({ now: () => nowInMillis, remainingInMillis: 5_000, ...overrides });

const silentLogger = (): ResilienceLogger => ({
  debug: vi.fn(),
  info: vi.fn(),
  warn: vi.fn(),
  error: vi.fn(),
});

const environment = (
  fleet: Partial<FleetLimitOptions> & { store: PermitStore },
  nowInMillis = startInMillis,
) => {
  const count = vi.fn<MetricsSink['count']>();
  const logger = silentLogger();
  const bulkhead = new Bulkhead({
    name: 'payments',
    fleet: { limit: 2, now: () => nowInMillis, random: () => 0, ...fleet },
    metrics: { count },
    logger,
  });
  return { bulkhead, count, logger };
};

const failingStore = (error: Error): PermitStore => ({
  tryTake: vi.fn(async () => {
    throw error;
  }),
  give: vi.fn(async () => undefined),
});

/** Holds a fleet permit until the returned function is called. */
const holdPermit = (bulkhead: Bulkhead, scope: CallScope) => {
  let finish: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const call = bulkhead.execute(() => held, scope);
  return async () => {
    finish();
    await call;
  };
};

describe('FleetBulkhead', () => {
  it('takes a fleet permit for the call and gives it back after', async () => {
    const store = new InMemoryPermitStore();
    const { bulkhead } = environment({ store });
    let heldDuringCall = 0;

    await bulkhead.execute(async () => {
      heldDuringCall = store.heldCount('payments', startInMillis);
    }, scopeAt(startInMillis));

    expect(heldDuringCall).toBe(1);
    expect(store.heldCount('payments', startInMillis)).toBe(0);
  });

  it('refuses with BulkheadFullError when every slot holds a live lease', async () => {
    const store = new InMemoryPermitStore();
    const other = environment({ store });
    const releases = [
      holdPermit(other.bulkhead, scopeAt(startInMillis)),
      holdPermit(other.bulkhead, scopeAt(startInMillis)),
    ];
    await vi.waitFor(() =>
      expect(store.heldCount('payments', startInMillis)).toBe(2),
    );
    const { bulkhead, count } = environment({ store });
    const operation = vi.fn(async () => 'never');

    const refused = bulkhead.execute(operation, scopeAt(startInMillis));

    await expect(refused).rejects.toThrow(BulkheadFullError);
    expect(operation).not.toHaveBeenCalled();
    expect(count).toHaveBeenCalledWith('bulkheadRefusals', {
      bulkhead: 'payments',
      limit: 'fleet',
    });
    expect(bulkhead.activeCount).toBe(0);
    await Promise.all(releases.map((release) => release()));
  });

  it('takes over a slot whose lease has expired', async () => {
    const store = new InMemoryPermitStore();
    const dead = environment({ store, limit: 1 });
    holdPermit(dead.bulkhead, scopeAt(startInMillis));
    await vi.waitFor(() =>
      expect(store.heldCount('payments', startInMillis)).toBe(1),
    );
    const laterInMillis = startInMillis + 5_001;
    const { bulkhead } = environment({ store, limit: 1 }, laterInMillis);

    const result = await bulkhead.execute(
      async () => 'ok',
      scopeAt(laterInMillis),
    );

    expect(result).toBe('ok');
  });

  it('leases until the deadline when it comes before maxLeaseInMillis', async () => {
    const store = new InMemoryPermitStore();
    const tryTake = vi.spyOn(store, 'tryTake');
    const { bulkhead } = environment({ store, maxLeaseInMillis: 60_000 });

    await bulkhead.execute(async () => 'ok', scopeAt(startInMillis));

    expect(tryTake.mock.calls[0]?.[0]).toMatchObject({
      nowInMillis: startInMillis,
      leaseExpiresAtInMillis: startInMillis + 5_000,
    });
  });

  it('leases for maxLeaseInMillis when the deadline is further away', async () => {
    const store = new InMemoryPermitStore();
    const tryTake = vi.spyOn(store, 'tryTake');
    const { bulkhead } = environment({ store, maxLeaseInMillis: 1_000 });

    await bulkhead.execute(async () => 'ok', scopeAt(startInMillis));

    expect(tryTake.mock.calls[0]?.[0]).toMatchObject({
      leaseExpiresAtInMillis: startInMillis + 1_000,
    });
  });

  it('gives every call its own owner id', async () => {
    const store = new InMemoryPermitStore();
    const tryTake = vi.spyOn(store, 'tryTake');
    const { bulkhead } = environment({ store, environmentId: 'env-1' });

    await bulkhead.execute(async () => 'ok', scopeAt(startInMillis));
    await bulkhead.execute(async () => 'ok', scopeAt(startInMillis));

    const owners = tryTake.mock.calls.map(([request]) => request.ownerId);
    expect(owners).toEqual(['env-1#1', 'env-1#2']);
  });

  it('tries no more than maxSlotProbes slots, from a random one', async () => {
    const store: PermitStore = {
      tryTake: vi.fn(async () => false),
      give: vi.fn(async () => undefined),
    };
    const { bulkhead } = environment({
      store,
      limit: 5,
      maxSlotProbes: 3,
      random: () => 0.8,
    });

    await expect(
      bulkhead.execute(async () => 'never', scopeAt(startInMillis)),
    ).rejects.toThrow(BulkheadFullError);

    const slots = vi.mocked(store.tryTake).mock.calls.map(([r]) => r.slot);
    expect(slots).toEqual([4, 0, 1]);
  });

  it('lets the call through when the store fails and failOpen is on', async () => {
    const store = failingStore(new StoreUnavailableError('slow'));
    const { bulkhead, count, logger } = environment({ store });

    const result = await bulkhead.execute(
      async () => 'ok',
      scopeAt(startInMillis),
    );

    expect(result).toBe('ok');
    expect(count).toHaveBeenCalledWith('storeErrors', { bulkhead: 'payments' });
    expect(logger.warn).toHaveBeenCalledWith(
      'bulkhead permit store unavailable',
      expect.objectContaining({ bulkhead: 'payments', operation: 'take' }),
    );
  });

  it('logs store trouble once per change of health, and counts every error', async () => {
    const store = new InMemoryPermitStore();
    const tryTake = vi.spyOn(store, 'tryTake');
    tryTake.mockRejectedValueOnce(new StoreUnavailableError('slow'));
    tryTake.mockRejectedValueOnce(new StoreUnavailableError('slow'));
    const { bulkhead, count, logger } = environment({ store });

    for (let call = 0; call < 3; call += 1) {
      await bulkhead.execute(async () => 'ok', scopeAt(startInMillis));
    }

    expect(count).toHaveBeenCalledTimes(2);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith(
      'bulkhead permit store recovered',
      { bulkhead: 'payments' },
    );
  });

  it('refuses with StoreUnavailableError when the store fails and failOpen is off', async () => {
    const store = failingStore(new Error('socket hang up'));
    const { bulkhead } = environment({ store, failOpen: false });
    const operation = vi.fn(async () => 'never');

    const refused = bulkhead.execute(operation, scopeAt(startInMillis));

    await expect(refused).rejects.toThrow(StoreUnavailableError);
    expect(operation).not.toHaveBeenCalled();
    expect(bulkhead.activeCount).toBe(0);
  });

  it('rejects with the abort reason when the invocation aborts while taking', async () => {
    const controller = new AbortController();
    const reason = new Error('invocation aborted');
    const store: PermitStore = {
      tryTake: vi.fn(async () => {
        controller.abort(reason);
        throw new StoreUnavailableError('aborted');
      }),
      give: vi.fn(async () => undefined),
    };
    const { bulkhead } = environment({ store });

    const aborted = bulkhead.execute(
      async () => 'never',
      scopeAt(startInMillis, { signal: controller.signal }),
    );

    await expect(aborted).rejects.toBe(reason);
  });

  it('does not fail the call when giving the permit back fails', async () => {
    const store = new InMemoryPermitStore();
    vi.spyOn(store, 'give').mockRejectedValue(new Error('timeout'));
    const { bulkhead, count } = environment({ store });

    const result = await bulkhead.execute(
      async () => 'ok',
      scopeAt(startInMillis),
    );

    expect(result).toBe('ok');
    expect(count).toHaveBeenCalledWith('storeErrors', { bulkhead: 'payments' });
  });

  it('takes no permit once the deadline has passed', async () => {
    const store = new InMemoryPermitStore();
    const tryTake = vi.spyOn(store, 'tryTake');
    const { bulkhead } = environment({ store });
    const deadline = new Deadline(startInMillis, () => startInMillis);

    const late = bulkhead.execute(
      async () => 'never',
      scopeAt(startInMillis, { deadline }),
    );

    await expect(late).rejects.toThrow(DeadlineExceededError);
    expect(tryTake).not.toHaveBeenCalled();
    expect(bulkhead.activeCount).toBe(0);
  });

  it('rejects a fleet limit below 1 at construction', () => {
    expect(() =>
      environment({ store: new InMemoryPermitStore(), limit: 0 }),
    ).toThrow(/fleet limit/);
  });
});
