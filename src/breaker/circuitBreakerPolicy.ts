import type { Clock } from '../clock';
import { CircuitOpenError, StoreUnavailableError } from '../errors';
import {
  type CallScope,
  type Operation,
  PipelineStage,
  type Policy,
} from '../pipeline';
import { BreakerReporter } from './breakerReporter';
import {
  type CircuitBreakerOptions,
  type ResolvedCircuitBreakerOptions,
  resolveCircuitBreakerOptions,
  StoreFailurePolicy,
} from './circuitBreakerOptions';
import { CallOutcome } from './outcome';
import { ProbeRunner } from './probeRunner';
import type { BreakerRules } from './rules';
import { SharedRecord, storeUnavailable } from './sharedRecord';
import { type BreakerRecord, BreakerState } from './state';
import { isIdleExpired, permission, tripReason } from './stateMachine';
import { SuccessBatch } from './successBatch';
import { expiresAtFor, opened } from './transitions';
import { bucketIndexAt, staleBucketIndexes, windowTotals } from './window';

/** Time a store call may use: what is left of the invocation. */
export const storeBudget = (scope: CallScope): number =>
  scope.deadline.remainingInMillis();

/**
 * The fleet-shared circuit breaker as a pipeline policy. Create it once per
 * environment (at cold start); it sees every attempt of every call. While
 * closed and healthy it makes no store write and reads at most once per
 * cache TTL.
 */
export class CircuitBreakerPolicy implements Policy {
  readonly stage = PipelineStage.circuitBreaker;
  /** The breaker's name. */
  readonly name: string;
  private readonly options: ResolvedCircuitBreakerOptions;
  private readonly rules: BreakerRules;
  private readonly clock: Clock;
  private readonly reporter: BreakerReporter;
  private readonly shared: SharedRecord;
  private readonly batch: SuccessBatch | undefined;
  private readonly probes: ProbeRunner;
  private readonly timesCalls: boolean;

  constructor(options: CircuitBreakerOptions) {
    const resolved = resolveCircuitBreakerOptions(options);
    this.options = resolved;
    this.name = resolved.name;
    this.rules = resolved.rules;
    this.clock = resolved.clock;
    this.reporter = new BreakerReporter(
      resolved.name,
      resolved.logger,
      resolved.metrics,
    );
    this.shared = new SharedRecord(
      resolved.name,
      resolved.store,
      resolved.cacheTtlInMillis,
      resolved.clock,
      this.reporter,
      resolved.storeFailurePolicy,
      resolved.environmentId,
    );
    this.batch = this.successBatch(resolved);
    this.timesCalls = Number.isFinite(this.rules.slowCallThresholdInMillis);
    this.probes = new ProbeRunner(resolved, this.shared, this.reporter, {
      refusal: (ms) => this.refusal(ms),
      withoutStore: (next, scope) => this.withoutStore(next, scope),
    });
  }

  async execute<T>(next: Operation<T>, scope: CallScope): Promise<T> {
    const now = this.clock();
    const record =
      this.shared.fresh(now) ?? (await this.shared.load(storeBudget(scope)));
    if (record === storeUnavailable) return this.withoutStore(next, scope);

    const allowed = permission(
      record,
      now,
      this.options.environmentId,
      this.rules,
    );
    switch (allowed.kind) {
      case 'permit':
        return this.runClosed(record, next, scope);
      case 'refuse':
        throw this.refusal(allowed.retryAfterInMillis);
      case 'probe':
        return this.probes.probeWithLease(record, next, scope);
      case 'acquireLease':
        return this.probes.acquireAndProbe(record, allowed.reason, next, scope);
    }
  }

  private async runClosed<T>(
    record: BreakerRecord,
    next: Operation<T>,
    scope: CallScope,
  ): Promise<T> {
    if (record.state === BreakerState.forcedClosed) return next(scope);
    const startedAtInMillis = this.timesCalls ? this.clock() : 0;
    let result: T;
    try {
      result = await next(scope);
    } catch (error) {
      await this.account(this.options.classifyError(error), scope);
      throw error;
    }
    const slow =
      this.timesCalls &&
      this.clock() - startedAtInMillis >= this.rules.slowCallThresholdInMillis;
    const writing = this.account(
      slow ? CallOutcome.failure : CallOutcome.success,
      scope,
    );
    if (writing !== undefined) await writing;
    return result;
  }

  /** Counts an outcome; returns a promise only when it has to write. */
  private account(
    outcome: CallOutcome,
    scope: CallScope,
  ): Promise<void> | undefined {
    if (outcome === CallOutcome.ignored) return undefined;
    const record = this.shared.latest();
    if (record?.state !== BreakerState.closed) return undefined;

    const now = this.clock();
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
    const written = await this.shared.addCounts(
      {
        name: this.name,
        failures,
        resetConsecutiveFailures,
        buckets,
        staleBucketIndexes: stale.filter((index) => !added.has(index)),
        expiresAt: expiresAtFor(record, now, this.rules),
      },
      storeBudget(scope),
    );
    if (typeof written === 'symbol' || failures === 0) return;
    await this.tripIfDue(written, now, scope);
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
      storeBudget(scope),
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

  private withoutStore<T>(next: Operation<T>, scope: CallScope): Promise<T> {
    const last = this.shared.latest();
    const now = this.clock();
    if (last?.state === BreakerState.forcedOpen) {
      throw this.refusal(this.rules.resetTimeoutInMillis);
    }
    const openUntil = last?.openUntilInMillis ?? 0;
    if (last?.state === BreakerState.open && now < openUntil) {
      throw this.refusal(openUntil - now);
    }
    if (this.options.storeFailurePolicy === StoreFailurePolicy.failClosed) {
      this.reporter.refusal();
      throw new StoreUnavailableError(
        `circuit breaker ${this.name} cannot read its state`,
      );
    }
    return next(scope);
  }

  private refusal(retryAfterInMillis: number): CircuitOpenError {
    this.reporter.refusal();
    return new CircuitOpenError(this.name, { retryAfterInMillis });
  }

  private successBatch(
    options: ResolvedCircuitBreakerOptions,
  ): SuccessBatch | undefined {
    if (options.rules.failureRateThresholdPercent === undefined)
      return undefined;
    return new SuccessBatch(
      options.rules,
      options.successFlushThreshold,
      options.successFlushIntervalInMillis,
      options.clock(),
    );
  }
}
