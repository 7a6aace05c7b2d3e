import { ConfigurationError } from '../errors';

/** When the breaker trips, how long it stays open and how it probes. */
export interface BreakerRuleOptions {
  /** Consecutive failures, fleet-wide, that open the circuit. @default 5 */
  failureThreshold?: number;
  /**
   * Share of failed calls, in percent, over the failure-rate window that
   * opens the circuit. The rule is off when absent.
   * @default undefined
   */
  failureRateThresholdPercent?: number;
  /** Length of the failure-rate window. @default 60000 */
  failureRateWindowInMillis?: number;
  /** Calls the window must hold before the rate can trip. @default 20 */
  failureRateMinimumCalls?: number;
  /** Buckets the window is counted in. @default 6 */
  failureRateBucketCount?: number;
  /**
   * A call slower than this counts as a failure even when it succeeds.
   * Off when absent.
   * @default undefined
   */
  slowCallThresholdInMillis?: number;
  /** First open period. @default 60000 */
  resetTimeoutInMillis?: number;
  /** Each reopen without a close multiplies the open period by this. @default 1 */
  resetTimeoutMultiplier?: number;
  /**
   * Cap of the growing open period.
   * @default the larger of 600000 and resetTimeoutInMillis
   */
  maxResetTimeoutInMillis?: number;
  /** Successful probes that close a half-open circuit. @default 1 */
  successThreshold?: number;
  /** Longest probe lease, whatever time the invocation has left. @default 30000 */
  maxLeaseInMillis?: number;
  /**
   * How far environments' clocks may disagree: a lease is taken over only
   * this long after it expired.
   * @default 1000
   */
  clockSkewToleranceInMillis?: number;
  /**
   * An idle item is deleted (DynamoDB TTL) this long after its last write.
   * @default 86400000
   */
  itemTtlInMillis?: number;
}

/** {@link BreakerRuleOptions} with every default applied. */
export interface BreakerRules
  extends Required<Omit<BreakerRuleOptions, 'failureRateThresholdPercent'>> {
  readonly failureRateThresholdPercent: number | undefined;
  readonly slowCallThresholdInMillis: number;
  /** Length of one failure-rate bucket. */
  readonly bucketInMillis: number;
}

const check = (valid: boolean, message: string): void => {
  if (!valid) throw new ConfigurationError(`circuit breaker: ${message}`);
};

const positiveInteger = (value: number, name: string): void =>
  check(Number.isInteger(value) && value > 0, `${name} must be >= 1`);

const positiveDuration = (value: number, name: string): void =>
  check(Number.isFinite(value) && value > 0, `${name} must be > 0`);

const validate = (rules: BreakerRules): BreakerRules => {
  positiveInteger(rules.failureThreshold, 'failureThreshold');
  const rate = rules.failureRateThresholdPercent;
  check(
    rate === undefined || (rate > 0 && rate <= 100),
    'failureRateThresholdPercent must be in (0, 100]',
  );
  positiveDuration(
    rules.failureRateWindowInMillis,
    'failureRateWindowInMillis',
  );
  positiveInteger(rules.failureRateMinimumCalls, 'failureRateMinimumCalls');
  positiveInteger(rules.failureRateBucketCount, 'failureRateBucketCount');
  check(
    rules.slowCallThresholdInMillis > 0,
    'slowCallThresholdInMillis must be > 0',
  );
  positiveDuration(rules.resetTimeoutInMillis, 'resetTimeoutInMillis');
  check(
    rules.resetTimeoutMultiplier >= 1,
    'resetTimeoutMultiplier must be >= 1',
  );
  check(
    rules.maxResetTimeoutInMillis >= rules.resetTimeoutInMillis,
    'maxResetTimeoutInMillis must be >= resetTimeoutInMillis',
  );
  positiveInteger(rules.successThreshold, 'successThreshold');
  positiveDuration(rules.maxLeaseInMillis, 'maxLeaseInMillis');
  check(
    rules.clockSkewToleranceInMillis >= 0,
    'clockSkewToleranceInMillis must be >= 0',
  );
  positiveDuration(rules.itemTtlInMillis, 'itemTtlInMillis');
  return rules;
};

/**
 * Applies the defaults and validates once, at cold start.
 * @throws {ConfigurationError} when an option is out of range.
 */
export const resolveRules = (
  options: BreakerRuleOptions = {},
): BreakerRules => {
  const resetTimeoutInMillis = options.resetTimeoutInMillis ?? 60_000;
  const windowInMillis = options.failureRateWindowInMillis ?? 60_000;
  const bucketCount = options.failureRateBucketCount ?? 6;
  return validate({
    failureThreshold: options.failureThreshold ?? 5,
    failureRateThresholdPercent: options.failureRateThresholdPercent,
    failureRateWindowInMillis: windowInMillis,
    failureRateMinimumCalls: options.failureRateMinimumCalls ?? 20,
    failureRateBucketCount: bucketCount,
    bucketInMillis: Math.ceil(windowInMillis / bucketCount),
    slowCallThresholdInMillis:
      options.slowCallThresholdInMillis ?? Number.POSITIVE_INFINITY,
    resetTimeoutInMillis,
    resetTimeoutMultiplier: options.resetTimeoutMultiplier ?? 1,
    maxResetTimeoutInMillis:
      options.maxResetTimeoutInMillis ??
      Math.max(600_000, resetTimeoutInMillis),
    successThreshold: options.successThreshold ?? 1,
    maxLeaseInMillis: options.maxLeaseInMillis ?? 30_000,
    clockSkewToleranceInMillis: options.clockSkewToleranceInMillis ?? 1_000,
    itemTtlInMillis: options.itemTtlInMillis ?? 86_400_000,
  });
};
