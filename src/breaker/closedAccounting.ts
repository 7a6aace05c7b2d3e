import type { CallScope } from '../pipeline';
import type { BreakerReporter } from './breakerReporter';
import type { ResolvedCircuitBreakerOptions } from './circuitBreakerOptions';
import { CallOutcome } from './outcome';
import type { BreakerRules } from './rules';
import { type SharedRecord, type WriteAnswer, writeLost } from './sharedRecord';
import { type BreakerRecord, BreakerState } from './state';
import { isIdleExpired, tripReason } from './stateMachine';
import type { CountUpdate } from './store/breakerStore';
import { writeBudget } from './storeBudgets';
import { SuccessBatch } from './successBatch';
import { expiresAtFor, opened } from './transitions';
import { bucketIndexAt, staleBucketIndexes, windowTotals } from './window';

/**
 * The closed side of the breaker: counts outcomes in the shared record with
 * atomic adds and opens the circuit when a trip rule fires. A success costs
 * nothing unless there are failures to reset or batched successes are due.
 */
export class ClosedAccounting {
  private readonly name: string;
  private readonly rules: BreakerRules;
  private readonly clock: () => number;
  private readonly batch: SuccessBatch | undefined;

  constructor(
    options: ResolvedCircuitBreakerOptions,
    private readonly shared: SharedRecord,
    private readonly reporter: BreakerReporter,
  ) {
    this.name = options.name;
    this.rules = options.rules;
    this.clock = options.clock;
    this.batch = successBatch(options);
  }

  /** Counts an outcome; returns a promise only when it has to write. */
  account(outcome: CallOutcome, scope: CallScope): Promise<void> | undefined {
    if (outcome === CallOutcome.ignored) return undefined;
    const record = this.shared.latest();
    if (record?.state !== BreakerState.closed) return undefined;

    const now = this.clock();
    this.batch?.follow(record.version);
    const expired = isIdleExpired(record, now);
    if (outcome === CallOutcome.failure) {
      return this.writeCounts(record, now, 1, expired, scope);
    }
    this.batch?.add(now);
    const mustReset = record.consecutiveFailures > 0 && !expired;
    const mustFlush =
      this.batch !== undefined &&
      windowTotals(record.buckets, now, this.rules).failures > 0 &&
      this.batch.isDue(now);
    if (!mustReset && !mustFlush) return undefined;
    return this.writeCounts(record, now, 0, mustReset, scope);
  }

  private async writeCounts(
    record: BreakerRecord,
    now: number,
    failures: number,
    resetConsecutiveFailures: boolean,
    scope: CallScope,
  ): Promise<void> {
    const buckets = this.batch?.drain(now, failures) ?? [];
    const added = new Set(buckets.map((b) => b.index));
    const stale = this.batch
      ? staleBucketIndexes(record.buckets, now, this.rules)
      : [];
    const update: CountUpdate = {
      name: this.name,
      failures,
      resetConsecutiveFailures,
      buckets,
      staleBucketIndexes: stale.filter((index) => !added.has(index)),
      expiresAt: expiresAtFor(record, now, this.rules),
    };
    const written =
      failures > 0 && resetConsecutiveFailures
        ? await this.restartExpiredCount(update, now, scope)
        : await this.shared.addCounts(update, writeBudget(scope));
    if (typeof written === 'symbol' || failures === 0) return;
    await this.tripIfDue(written, now, scope);
  }

  // Every environment whose cache shows the item idle-expired would restart
  // the count; only the first may, the others' failures are added to it.
  private async restartExpiredCount(
    update: CountUpdate,
    now: number,
    scope: CallScope,
  ): Promise<WriteAnswer> {
    const onlyIfExpiredBy = Math.floor(now / 1000);
    const restarted = await this.shared.addCounts(
      { ...update, onlyIfExpiredBy },
      writeBudget(scope),
    );
    if (restarted !== writeLost) return restarted;
    const adding = { ...update, resetConsecutiveFailures: false };
    return this.shared.addCounts(adding, writeBudget(scope));
  }

  private async tripIfDue(
    record: BreakerRecord,
    now: number,
    scope: CallScope,
  ): Promise<void> {
    const reason = tripReason(record, now, this.rules);
    if (reason === undefined) return;
    const written = await this.shared.transition(
      {
        expected: record,
        next: opened(record, now, this.rules),
        removedBucketIndexes: this.bucketIndexesToClear(record, now),
      },
      writeBudget(scope),
    );
    if (typeof written === 'symbol') return;
    const { from, to } = { from: record.state, to: written.state };
    this.reporter.transition(from, to, reason, record.consecutiveFailures);
  }

  private bucketIndexesToClear(record: BreakerRecord, now: number): number[] {
    const indexes = new Set(record.buckets.map((b) => b.index));
    if (this.batch !== undefined) {
      const current = bucketIndexAt(now, this.rules);
      for (let i = 0; i < this.rules.failureRateBucketCount; i++) {
        indexes.add(current - i);
      }
    }
    return [...indexes];
  }
}

const successBatch = (
  options: ResolvedCircuitBreakerOptions,
): SuccessBatch | undefined => {
  if (options.rules.failureRateThresholdPercent === undefined) return undefined;
  return new SuccessBatch(
    options.rules,
    options.successFlushThreshold,
    options.successFlushIntervalInMillis,
    options.clock(),
  );
};
