import { type Clock, systemClock } from '../clock';
import { requireMillis, withoutUndefined } from '../options';

/** Options of the timeouts middleware and its attempt-timeout policy. */
export interface TimeoutsOptions {
  /**
   * Time kept back from the Lambda's remaining time for the fallback, the
   * response and state writes; the deadline falls this long before the end.
   * @default 300
   */
  reserveInMillis?: number;
  /**
   * Longest time one downstream attempt may take. Each attempt gets the
   * smaller of this and the time left before the deadline.
   * @default 2000
   */
  attemptTimeoutInMillis?: number;
  /**
   * Least time an attempt needs to be worth starting: an attempt that would
   * get less before the deadline is not sent, since it would only load the
   * dependency and then time out. Never more than the attempt timeout.
   * @default 100
   */
  minAttemptTimeInMillis?: number;
  /**
   * Time the invocation may spend when the context cannot tell its remaining
   * time (a plain unit test, a container). Used as the whole budget: no
   * reserve is subtracted from it. The default is Lambda's own default
   * function timeout.
   * @default 3000
   */
  defaultBudgetInMillis?: number;
  /** Clock for the deadline arithmetic. @default Date.now */
  now?: Clock;
}

/** {@link TimeoutsOptions} with every default applied and checked. */
export type TimeoutsConfig = Readonly<Required<TimeoutsOptions>>;

/** The defaults of {@link TimeoutsOptions}. */
export const timeoutsDefaults = {
  reserveInMillis: 300,
  attemptTimeoutInMillis: 2_000,
  minAttemptTimeInMillis: 100,
  defaultBudgetInMillis: 3_000,
} as const;

/**
 * Applies the defaults and validates the options once, at cold start.
 * @throws {ConfigurationError} naming the option that is out of range.
 */
export const resolveTimeoutsOptions = (
  options: TimeoutsOptions = {},
): TimeoutsConfig => {
  const config = {
    ...timeoutsDefaults,
    now: systemClock,
    ...withoutUndefined(options),
  };
  requireMillis('reserveInMillis', config.reserveInMillis, 0);
  requireMillis('attemptTimeoutInMillis', config.attemptTimeoutInMillis, 1);
  requireMillis('minAttemptTimeInMillis', config.minAttemptTimeInMillis, 0);
  requireMillis('defaultBudgetInMillis', config.defaultBudgetInMillis, 1);
  return config;
};
