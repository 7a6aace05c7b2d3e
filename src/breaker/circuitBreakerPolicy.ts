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
import { ClosedAccounting } from './closedAccounting';
import { CallOutcome } from './outcome';
import { ProbeRunner } from './probeRunner';
import type { BreakerRules } from './rules';
import { outOfTime, SharedRecord } from './sharedRecord';
import { type BreakerRecord, BreakerState } from './state';
import { permission } from './stateMachine';
import { readBudget } from './storeBudgets';

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
  private readonly accounting: ClosedAccounting;
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
    this.accounting = new ClosedAccounting(
      resolved,
      this.shared,
      this.reporter,
    );
    this.timesCalls = Number.isFinite(this.rules.slowCallThresholdInMillis);
    this.probes = new ProbeRunner(resolved, this.shared, this.reporter, {
      refusal: (ms) => this.refusal(ms),
      withoutStore: (next, scope) => this.withoutStore(next, scope),
    });
  }

  async execute<T>(next: Operation<T>, scope: CallScope): Promise<T> {
    const now = this.clock();
    const record =
      this.shared.fresh(now) ?? (await this.shared.load(readBudget(scope)));
    if (record === outOfTime) return this.withoutTime(next, scope);
    if (typeof record === 'symbol') return this.withoutStore(next, scope);

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
      await this.accounting.account(this.options.classifyError(error), scope);
      throw error;
    }
    const slow =
      this.timesCalls &&
      this.clock() - startedAtInMillis >= this.rules.slowCallThresholdInMillis;
    const writing = this.accounting.account(
      slow ? CallOutcome.failure : CallOutcome.success,
      scope,
    );
    if (writing !== undefined) await writing;
    return result;
  }

  private withoutStore<T>(next: Operation<T>, scope: CallScope): Promise<T> {
    this.refuseIfLastSeenOpen();
    if (this.options.storeFailurePolicy === StoreFailurePolicy.failClosed) {
      this.reporter.refusal();
      throw new StoreUnavailableError(
        `circuit breaker ${this.name} cannot read its state`,
      );
    }
    return next(scope);
  }

  // No time was left to read the state: the store is not to blame, so the
  // failure policy does not apply; the call meets its own deadline.
  private withoutTime<T>(next: Operation<T>, scope: CallScope): Promise<T> {
    this.refuseIfLastSeenOpen();
    return next(scope);
  }

  private refuseIfLastSeenOpen(): void {
    const last = this.shared.latest();
    const now = this.clock();
    if (last?.state === BreakerState.forcedOpen) {
      throw this.refusal(this.rules.resetTimeoutInMillis);
    }
    const openUntil = last?.openUntilInMillis ?? 0;
    if (last?.state === BreakerState.open && now < openUntil) {
      throw this.refusal(openUntil - now);
    }
  }

  private refusal(retryAfterInMillis: number): CircuitOpenError {
    this.reporter.refusal();
    return new CircuitOpenError(this.name, { retryAfterInMillis });
  }
}
