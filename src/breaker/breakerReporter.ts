import type { ResilienceLogger } from '../logger';
import { MetricName, type MetricsSink } from '../metrics/metricsSink';
import type { StoreFailurePolicy } from './circuitBreakerOptions';
import type { BreakerState } from './state';
import type { TransitionReason } from './stateMachine';

/**
 * What one breaker tells operators: a log line and a metric per transition,
 * a metric per refusal, and store trouble logged once per change of the
 * store's health (counted on every error). Nothing per healthy call.
 */
export class BreakerReporter {
  private readonly dimensions: { readonly breaker: string };
  private storeHealthy = true;

  constructor(
    private readonly name: string,
    private readonly logger: ResilienceLogger,
    private readonly metrics: MetricsSink,
  ) {
    this.dimensions = { breaker: name };
  }

  /** One state change, written by this environment. */
  transition(
    from: BreakerState,
    to: BreakerState,
    reason: TransitionReason,
    failures: number,
  ): void {
    this.logger.info('circuit breaker transition', {
      breaker: this.name,
      from,
      to,
      failures,
      reason,
    });
    this.metrics.count(MetricName.transitions, {
      breaker: this.name,
      from,
      to,
    });
  }

  /** A probe lease taken over from an environment whose lease ran out. */
  leaseTakenOver(previousOwner: string | undefined): void {
    this.logger.info('circuit breaker probe lease taken over', {
      breaker: this.name,
      previousOwner,
    });
  }

  /** A call the breaker did not permit. */
  refusal(): void {
    this.metrics.count(MetricName.circuitRefusals, this.dimensions);
  }

  /** A store call failed; logged only when the store was healthy before. */
  storeError(
    operation: string,
    error: unknown,
    policy: StoreFailurePolicy,
  ): void {
    this.metrics.count(MetricName.storeErrors, this.dimensions);
    if (!this.storeHealthy) return;
    this.storeHealthy = false;
    this.logger.warn('circuit breaker store unavailable', {
      breaker: this.name,
      operation,
      policy,
      error: error instanceof Error ? error.message : String(error),
      cause: causeMessage(error),
    });
  }

  /**
   * A store call skipped or given up because the invocation had no time
   * left for it: the store is not to blame, so nothing is counted.
   */
  storeCallSkipped(operation: string): void {
    this.logger.debug('circuit breaker store call skipped', {
      breaker: this.name,
      operation,
      reason: 'no_time_left',
    });
  }

  /** A store call succeeded; logged only after the store had failed. */
  storeAnswered(): void {
    if (this.storeHealthy) return;
    this.storeHealthy = true;
    this.logger.info('circuit breaker store recovered', { breaker: this.name });
  }
}

const causeMessage = (error: unknown): string | undefined => {
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  return cause instanceof Error ? cause.message : undefined;
};
