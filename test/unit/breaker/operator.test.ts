import { describe, expect, it } from 'vitest';
import { forceBreaker, resetBreaker } from '../../../src/breaker/operator';
import { BreakerState } from '../../../src/breaker/state';
import { MemoryBreakerStore } from '../../../src/breaker/store/memoryBreakerStore';
import { StoreUnavailableError } from '../../../src/errors';
import { fakeLogger } from './fakes';

describe('forceBreaker', () => {
  it('writes the forced state signed by the operator and logs it', async () => {
    const store = new MemoryBreakerStore();
    const logger = fakeLogger();

    const written = await forceBreaker(
      store,
      'payments',
      BreakerState.forcedOpen,
      { logger },
    );

    expect(written).toMatchObject({
      state: BreakerState.forcedOpen,
      version: 1,
      changedBy: 'operator',
    });
    expect(logger.info).toHaveBeenCalledWith('circuit breaker transition', {
      breaker: 'payments',
      from: 'CLOSED',
      to: 'FORCED_OPEN',
      failures: 0,
      reason: 'forced',
    });
  });

  it('gives up when the item keeps changing under it', async () => {
    const store = new MemoryBreakerStore();
    store.transition = async () => undefined;

    await expect(
      forceBreaker(store, 'payments', BreakerState.forcedClosed, {
        logger: fakeLogger(),
      }),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});

describe('resetBreaker', () => {
  it('closes the breaker and logs a reset', async () => {
    const store = new MemoryBreakerStore();
    const logger = fakeLogger();
    await forceBreaker(store, 'payments', BreakerState.forcedOpen, { logger });

    const written = await resetBreaker(store, 'payments', { logger });

    expect(written.state).toBe(BreakerState.closed);
    expect(logger.info).toHaveBeenLastCalledWith(
      'circuit breaker transition',
      expect.objectContaining({ from: 'FORCED_OPEN', reason: 'reset' }),
    );
  });
});
