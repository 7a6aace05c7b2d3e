import type { CircuitOpenError } from '../errors';
import type { CallScope, Operation } from '../pipeline';
import type { BreakerReporter } from './breakerReporter';
import type { ResolvedCircuitBreakerOptions } from './circuitBreakerOptions';
import { CallOutcome } from './outcome';
import { type SharedRecord, storeUnavailable } from './sharedRecord';
import { type BreakerRecord, BreakerState } from './state';
import { TransitionReason } from './stateMachine';
import { readBudget, writeBudget } from './storeBudgets';
import { leaseTaken, opened, probeSucceeded } from './transitions';

/** How the policy refuses a call, or goes on without its store. */
export interface ProbeGate {
  refusal(retryAfterInMillis: number): CircuitOpenError;
  withoutStore<T>(next: Operation<T>, scope: CallScope): Promise<T>;
}

const verdictReasons = {
  [CallOutcome.success]: TransitionReason.probeSucceeded,
  [CallOutcome.failure]: TransitionReason.probeFailed,
} as const;

/**
 * The half-open side of the breaker: wins the fleet's single probe lease
 * with a fenced write, sends the one probe, and writes its verdict only
 * while the lease is still this environment's. A probe whose outcome does
 * not count (a 4xx, a malformed body, no time left) writes nothing and
 * keeps the lease: the rest of the fleet waits for the lease's end, so an
 * open period never sees one probe after another.
 */
export class ProbeRunner {
  // One probe at a time per environment, even with concurrent calls.
  private probing = false;

  constructor(
    private readonly options: ResolvedCircuitBreakerOptions,
    private readonly shared: SharedRecord,
    private readonly reporter: BreakerReporter,
    private readonly gate: ProbeGate,
  ) {}

  /** Takes the lease from `record` (fenced on its version), then probes. */
  async acquireAndProbe<T>(
    record: BreakerRecord,
    reason: TransitionReason,
    next: Operation<T>,
    scope: CallScope,
  ): Promise<T> {
    const remainingInMillis = readBudget(scope);
    if (this.probing || remainingInMillis <= 0) throw this.gate.refusal(0);
    const now = this.options.clock();
    // A probe cut off at the deadline still writes its verdict within the
    // reserve: the lease must outlast both, or the verdict would be dropped.
    const leaseInMillis = Math.min(
      writeBudget(scope),
      this.options.rules.maxLeaseInMillis,
    );
    const wanted = leaseTaken(
      record,
      this.options.environmentId,
      now + leaseInMillis,
      now,
      this.options.rules,
    );
    this.probing = true;
    try {
      const won = await this.shared.transition(
        { expected: record, next: wanted, removedBucketIndexes: [] },
        remainingInMillis,
      );
      if (won === storeUnavailable)
        return await this.gate.withoutStore(next, scope);
      if (typeof won === 'symbol')
        throw this.gate.refusal(this.retryAfter(now));
      this.reportLease(record, won, reason);
      return await this.probe(won, next, scope);
    } finally {
      this.probing = false;
    }
  }

  /** Probes under a lease this environment already holds. */
  async probeWithLease<T>(
    record: BreakerRecord,
    next: Operation<T>,
    scope: CallScope,
  ): Promise<T> {
    if (this.probing)
      throw this.gate.refusal(this.retryAfter(this.options.clock()));
    this.probing = true;
    try {
      return await this.probe(record, next, scope);
    } finally {
      this.probing = false;
    }
  }

  private async probe<T>(
    record: BreakerRecord,
    next: Operation<T>,
    scope: CallScope,
  ): Promise<T> {
    const startedAtInMillis = this.options.clock();
    let result: T;
    try {
      result = await next(scope);
    } catch (error) {
      await this.settle(record, this.options.classifyError(error), scope);
      throw error;
    }
    const tookInMillis = this.options.clock() - startedAtInMillis;
    const slow = tookInMillis >= this.options.rules.slowCallThresholdInMillis;
    await this.settle(
      record,
      slow ? CallOutcome.failure : CallOutcome.success,
      scope,
    );
    return result;
  }

  /** Writes the probe's verdict, unless the lease ran out meanwhile. */
  private async settle(
    record: BreakerRecord,
    outcome: CallOutcome,
    scope: CallScope,
  ): Promise<void> {
    if (outcome === CallOutcome.ignored) return;
    const now = this.options.clock();
    if (now >= (record.leaseExpiresAtInMillis ?? 0)) return;
    const { rules, environmentId } = this.options;
    const next =
      outcome === CallOutcome.success
        ? probeSucceeded(record, now, rules)
        : opened(record, now, rules);
    const written = await this.shared.transition(
      {
        expected: record,
        next,
        removedBucketIndexes: [],
        leaseHolder: { owner: environmentId, nowInMillis: now },
      },
      writeBudget(scope),
    );
    if (typeof written === 'symbol' || written.state === record.state) return;
    this.reporter.transition(
      record.state,
      written.state,
      verdictReasons[outcome],
      0,
    );
  }

  private reportLease(
    before: BreakerRecord,
    after: BreakerRecord,
    reason: TransitionReason,
  ): void {
    if (before.state !== BreakerState.halfOpen) {
      this.reporter.transition(before.state, after.state, reason, 0);
    } else if (reason === TransitionReason.leaseExpired) {
      this.reporter.leaseTakenOver(before.leaseOwner);
    }
  }

  private retryAfter(now: number): number {
    const latest = this.shared.latest();
    const until = latest?.leaseExpiresAtInMillis ?? latest?.openUntilInMillis;
    return Math.max(0, (until ?? now) - now);
  }
}
