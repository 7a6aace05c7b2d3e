import { requireInteger, withoutUndefined } from '../options';

/** Options of {@link RetryBudget}; defaults follow the AWS SDK retry quota. */
export interface RetryBudgetOptions {
  /** Tokens in a full bucket, which is also where it starts. @default 500 */
  capacity?: number;
  /** Tokens a retry takes. @default 5 */
  retryCost?: number;
  /**
   * Tokens a retry after a timeout takes: timeouts tie up the service longer
   * than quick errors, so retrying them is dearer.
   * @default 10
   */
  timeoutRetryCost?: number;
  /** Tokens a successful call gives back, up to the capacity. @default 1 */
  successRefill?: number;
}

/** The defaults of {@link RetryBudgetOptions}. */
export const retryBudgetDefaults = {
  capacity: 500,
  retryCost: 5,
  timeoutRetryCost: 10,
  successRefill: 1,
} as const;

/**
 * A per-environment token bucket that stops retries when most calls fail, so
 * an outage does not multiply the load on the failing service. Every retry
 * takes tokens; every success gives a few back. With the defaults, a full
 * bucket pays for 100 retries (50 after timeouts), and once it is empty one
 * retry is allowed per 5 successes.
 *
 * Pure: it keeps counts and never looks at the time. It lives as long as the
 * Lambda environment, so each environment has its own budget.
 */
export class RetryBudget {
  private tokens: number;
  private readonly options: Readonly<Required<RetryBudgetOptions>>;

  /** @throws {ConfigurationError} when an option is out of range. */
  constructor(options: RetryBudgetOptions = {}) {
    this.options = { ...retryBudgetDefaults, ...withoutUndefined(options) };
    for (const [name, value] of Object.entries(this.options)) {
      requireInteger(name, value, 0);
    }
    this.tokens = this.options.capacity;
  }

  /** Tokens left. */
  get availableTokens(): number {
    return this.tokens;
  }

  /**
   * Takes the tokens for one retry.
   * @returns false, taking nothing, when too few tokens are left.
   */
  tryAcquire(afterTimeout: boolean): boolean {
    const cost = afterTimeout
      ? this.options.timeoutRetryCost
      : this.options.retryCost;
    if (cost > this.tokens) return false;

    this.tokens -= cost;
    return true;
  }

  /** Gives back the refill of one successful call. */
  recordSuccess(): void {
    if (this.tokens < this.options.capacity) {
      this.tokens = Math.min(
        this.options.capacity,
        this.tokens + this.options.successRefill,
      );
    }
  }
}
