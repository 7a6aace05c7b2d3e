import {
  DeadlineExceededError,
  type DependencyFailure,
  type DependencyFailureOptions,
  FailureReason,
  isDependencyFailure,
  RetriesExhaustedError,
  RetryBudgetExhaustedError,
} from '../errors';
import { MetricName } from '../metrics/metricsSink';
import {
  type CallScope,
  type Operation,
  PipelineStage,
  type Policy,
} from '../pipeline';
import { fullJitterDelayInMillis } from './backoff';
import type { RetryConfig } from './retryOptions';
import { cancellableSleep } from './sleep';

/**
 * The outermost policy: re-runs the rest of the pipeline (breaker, bulkhead,
 * attempt timeout and the call) after a retryable failure.
 *
 * - Only a {@link DependencyFailure} with `retryable` is retried (network
 *   errors, attempt timeouts, 429 and 500–504), and only for idempotent calls
 *   unless `retryNonIdempotent` is set. Anything else is rethrown unchanged,
 *   so a refused call (open circuit, full bulkhead) is never retried.
 * - Each wait is the larger of the full-jitter backoff and the failure's
 *   `Retry-After`. A retry whose wait plus `minAttemptTimeInMillis` would
 *   pass the deadline is not made.
 * - Giving up throws {@link RetriesExhaustedError} (attempts used up),
 *   {@link RetryBudgetExhaustedError} (budget empty) or
 *   {@link DeadlineExceededError} (no time left, or the invocation aborted
 *   during a wait); each has the last failure as `cause` and carries its
 *   `retryAfterInMillis`.
 *
 * Made once per handler (cold start) and shared by every invocation; it
 * keeps no per-call state.
 */
export class RetryPolicy implements Policy {
  readonly stage = PipelineStage.retry;

  constructor(private readonly config: RetryConfig) {}

  async execute<T>(next: Operation<T>, scope: CallScope): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await next(
          attempt === 1 ? scope : { ...scope, attempt },
        );
        this.config.budget?.recordSuccess();
        return result;
      } catch (error) {
        const delayInMillis = this.planRetry(error, attempt, scope);
        await this.waitBeforeRetry(delayInMillis, error, attempt, scope);
      }
    }
  }

  /**
   * The wait before the next attempt, with its tokens taken from the budget.
   * @throws the failure itself when it is not retryable, or a give-up error.
   */
  private planRetry(error: unknown, attempt: number, scope: CallScope): number {
    if (!this.mayRetry(error, scope)) throw error;

    const { config } = this;
    if (attempt >= config.maxAttempts) {
      throw this.giveUp(
        new RetriesExhaustedError(attempt, carried(error)),
        error,
        attempt,
      );
    }
    const delayInMillis = Math.max(
      fullJitterDelayInMillis(attempt - 1, config, config.random),
      error.retryAfterInMillis ?? 0,
    );
    const neededInMillis = delayInMillis + config.minAttemptTimeInMillis;
    if (neededInMillis > scope.deadline.remainingInMillis()) {
      throw this.giveUp(noTimeLeft(error), error, attempt);
    }
    const afterTimeout = error.reason === FailureReason.timeout;
    if (config.budget?.tryAcquire(afterTimeout) === false) {
      throw this.giveUp(
        new RetryBudgetExhaustedError(attempt, carried(error)),
        error,
        attempt,
      );
    }
    this.recordRetry(error, attempt, delayInMillis);
    return delayInMillis;
  }

  private mayRetry(
    error: unknown,
    scope: CallScope,
  ): error is DependencyFailure {
    return (
      isDependencyFailure(error) &&
      error.retryable &&
      (scope.idempotent || this.config.retryNonIdempotent)
    );
  }

  private async waitBeforeRetry(
    delayInMillis: number,
    error: unknown,
    attempt: number,
    scope: CallScope,
  ): Promise<void> {
    const slept = await cancellableSleep(delayInMillis, scope.signal);
    if (slept) return;

    const failure = error as DependencyFailure;
    throw this.giveUp(
      new DeadlineExceededError(
        'the invocation was aborted during a backoff',
        carried(failure),
      ),
      failure,
      attempt,
    );
  }

  private recordRetry(
    error: DependencyFailure,
    attempt: number,
    delayInMillis: number,
  ): void {
    this.config.logger.debug('retrying call', {
      attempt,
      delayInMillis,
      reason: error.reason,
    });
    this.config.metrics.count(MetricName.retries, { reason: error.reason });
  }

  private giveUp(
    giveUpError: DependencyFailure,
    last: DependencyFailure,
    attempts: number,
  ): DependencyFailure {
    this.config.logger.warn('retries given up', {
      attempts,
      reason: giveUpError.reason,
      lastReason: last.reason,
      retryAfterInMillis: last.retryAfterInMillis,
    });
    this.config.metrics.count(MetricName.retryGiveUps, {
      reason: giveUpError.reason,
    });
    return giveUpError;
  }
}

const carried = (last: DependencyFailure): DependencyFailureOptions => ({
  cause: last,
  retryAfterInMillis: last.retryAfterInMillis,
});

const noTimeLeft = (last: DependencyFailure): DeadlineExceededError =>
  new DeadlineExceededError(
    'no time left for another attempt before the deadline',
    carried(last),
  );
