import { type Clock, systemClock } from '../clock';
import { StoreUnavailableError } from '../errors';
import { defaultLogger, type ResilienceLogger } from '../logger';
import { type BreakerRuleOptions, resolveRules } from './rules';
import { type BreakerRecord, BreakerState, initialRecord } from './state';
import { TransitionReason } from './stateMachine';
import type { BreakerStore } from './store/breakerStore';
import { forced } from './transitions';

/** States an operator may set. */
export type OperatorState =
  | typeof BreakerState.forcedOpen
  | typeof BreakerState.forcedClosed
  | typeof BreakerState.closed;

/** Options of {@link forceBreaker}. */
export interface ForceOptions {
  /** The breaker's rules, for the item's TTL. @default the defaults */
  rules?: BreakerRuleOptions;
  /** Writes tried when other environments keep changing the item. @default 3 */
  attempts?: number;
  /** Receives the transition's log line. @default defaultLogger */
  logger?: ResilienceLogger;
  /** @default Date.now */
  clock?: Clock;
}

/**
 * Sets a breaker's state by hand: FORCED_OPEN refuses every call,
 * FORCED_CLOSED permits every call without counting, CLOSED resets the
 * breaker (counters and growing open period included). Forced states carry
 * no TTL, so they stay until changed. The write is fenced like any
 * transition and tried again if another environment changed the item first.
 * @returns the record written.
 */
export const forceBreaker = async (
  store: BreakerStore,
  name: string,
  state: OperatorState,
  options: ForceOptions = {},
): Promise<BreakerRecord> => {
  const rules = resolveRules(options.rules);
  const now = options.clock ?? systemClock;
  for (let attempt = 0; attempt < (options.attempts ?? 3); attempt++) {
    const current =
      (await store.get(name, { consistentRead: true })) ?? initialRecord(name);
    const written = await store.transition({
      expected: current,
      next: { ...forced(current, state, now(), rules), changedBy: 'operator' },
      removedBucketIndexes: current.buckets.map((b) => b.index),
    });
    if (written === undefined) continue;
    logChange(options.logger ?? defaultLogger, current, written);
    return written;
  }
  throw new StoreUnavailableError(
    `breaker ${name} kept changing; its state was not set`,
  );
};

/** Closes a breaker and clears its counters: {@link forceBreaker} with CLOSED. */
export const resetBreaker = (
  store: BreakerStore,
  name: string,
  options?: ForceOptions,
): Promise<BreakerRecord> =>
  forceBreaker(store, name, BreakerState.closed, options);

const logChange = (
  logger: ResilienceLogger,
  before: BreakerRecord,
  after: BreakerRecord,
): void => {
  logger.info('circuit breaker transition', {
    breaker: after.name,
    from: before.state,
    to: after.state,
    failures: before.consecutiveFailures,
    reason:
      after.state === BreakerState.closed
        ? TransitionReason.reset
        : TransitionReason.forced,
  });
};
