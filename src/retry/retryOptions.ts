import { type RandomSource, systemRandom } from '../clock';
import { ConfigurationError } from '../errors';
import { defaultLogger, type ResilienceLogger } from '../logger';
import { type MetricsSink, noopMetrics } from '../metrics/metricsSink';
import { requireInteger, requireMillis, withoutUndefined } from '../options';
import { RetryBudget, type RetryBudgetOptions } from './retryBudget';

/** Options of the retry middleware and its policy. */
export interface RetryOptions {
  /** Attempts in total, the first included; 1 turns retries off. @default 3 */
  maxAttempts?: number;
  /** Upper bound of the first retry's jittered delay. @default 100 */
  baseDelayInMillis?: number;
  /**
   * No backoff delay is longer than this (a `Retry-After` can be).
   * @default 2000
   */
  maxDelayInMillis?: number;
  /**
   * Shortest time worth giving an attempt: no retry starts when its wait plus
   * this would pass the deadline.
   * @default 100
   */
  minAttemptTimeInMillis?: number;
  /**
   * Whether calls marked `idempotent: false` may be retried too.
   * @default false
   */
  retryNonIdempotent?: boolean;
  /**
   * The retry budget: options for a new one, an instance to share between
   * handlers, or `false` for none.
   * @default {} (a budget with the {@link RetryBudgetOptions} defaults)
   */
  budget?: RetryBudget | RetryBudgetOptions | false;
  /** Random source of the jitter. @default Math.random */
  random?: RandomSource;
  /**
   * Where retries (debug) and give-ups (warn) are logged.
   * @default defaultLogger
   */
  logger?: ResilienceLogger;
  /** Where `retries` and `retryGiveUps` are counted. @default noopMetrics */
  metrics?: MetricsSink;
}

/** {@link RetryOptions} with every default applied and checked. */
export interface RetryConfig {
  readonly maxAttempts: number;
  readonly baseDelayInMillis: number;
  readonly maxDelayInMillis: number;
  readonly minAttemptTimeInMillis: number;
  readonly retryNonIdempotent: boolean;
  readonly budget: RetryBudget | undefined;
  readonly random: RandomSource;
  readonly logger: ResilienceLogger;
  readonly metrics: MetricsSink;
}

/** The defaults of {@link RetryOptions}. */
export const retryDefaults = {
  maxAttempts: 3,
  baseDelayInMillis: 100,
  maxDelayInMillis: 2_000,
  minAttemptTimeInMillis: 100,
  retryNonIdempotent: false,
} as const;

/**
 * Applies the defaults and validates the options once, at cold start.
 * @throws {ConfigurationError} naming the option that is out of range.
 */
export const resolveRetryOptions = (
  options: RetryOptions = {},
): RetryConfig => {
  const given = withoutUndefined(options);
  const config: RetryConfig = {
    ...retryDefaults,
    random: systemRandom,
    logger: defaultLogger,
    metrics: noopMetrics,
    ...given,
    budget: toBudget(given.budget),
  };
  requireInteger('maxAttempts', config.maxAttempts, 1);
  requireMillis('baseDelayInMillis', config.baseDelayInMillis, 0);
  requireMillis('maxDelayInMillis', config.maxDelayInMillis, 0);
  requireMillis('minAttemptTimeInMillis', config.minAttemptTimeInMillis, 0);
  if (config.maxDelayInMillis < config.baseDelayInMillis) {
    throw new ConfigurationError(
      'maxDelayInMillis must not be smaller than baseDelayInMillis',
    );
  }
  return config;
};

const toBudget = (budget: RetryOptions['budget']): RetryBudget | undefined => {
  if (budget === false) return undefined;
  if (budget instanceof RetryBudget) return budget;
  return new RetryBudget(budget);
};
