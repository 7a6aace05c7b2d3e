import type { Clock } from '../../clock';
import { isConditionFailure, timeBoxed } from '../../dynamoDb/timeBoxed';
import { StoreUnavailableError } from '../../errors';
import { storeBudgetSpent } from './breakerStore';

/** How long one store request may take, and how often it is repeated. */
export interface StoreRequestLimits {
  /** Timeout of each request. */
  readonly timeoutInMillis: number;
  /** Repeats after a failed request (never after a condition failure). */
  readonly maxRetries: number;
  readonly now: Clock;
}

/** Whether a failed request may be sent again without doing harm twice. */
export type RetryRule = (error: unknown) => boolean;

// Prepared once: aborting with a ready reason costs no stack capture.
const timedOut = new Error('breaker store request timed out');

const throttlingErrors = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
]);

/**
 * Retry rule for writes that must not be applied twice (atomic adds): only
 * errors that prove the request never took effect.
 */
export const provenNotApplied: RetryRule = (error) => {
  const { name, code } = (error ?? {}) as { name?: string; code?: string };
  return (
    code === 'ECONNREFUSED' ||
    (name !== undefined && throttlingErrors.has(name))
  );
};

/** Retry rule for reads and fenced writes, which are safe to repeat. */
export const anyFailure: RetryRule = () => true;

/**
 * Sends one store request with its own timeout (never longer than the
 * caller's budget) and at most `maxRetries` repeats. A condition failure is
 * passed through untouched; every other error becomes a
 * {@link StoreUnavailableError}, whose cause is {@link storeBudgetSpent}
 * when the caller's budget, not the store, ran out.
 */
export const sendRequest = async <T>(
  send: (signal: AbortSignal) => Promise<T>,
  limits: StoreRequestLimits,
  budgetInMillis: number | undefined,
  mayRetry: RetryRule,
): Promise<T> => {
  const giveUpAt = limits.now() + (budgetInMillis ?? Number.POSITIVE_INFINITY);
  let storeError: unknown;
  for (let retry = 0; retry <= limits.maxRetries; retry++) {
    const leftInMillis = giveUpAt - limits.now();
    const timeoutInMillis = Math.min(limits.timeoutInMillis, leftInMillis);
    if (timeoutInMillis <= 0) break;
    try {
      return await timeBoxed(send, timeoutInMillis, timedOut);
    } catch (error) {
      if (isConditionFailure(error)) throw error;
      // A timeout the budget cut short proves nothing about the store, and
      // leaves no time for another request.
      if (error === timedOut && leftInMillis < limits.timeoutInMillis) break;
      storeError = error;
      if (!mayRetry(error)) break;
    }
  }
  if (storeError === undefined) {
    throw new StoreUnavailableError('breaker store call out of time', {
      cause: storeBudgetSpent,
    });
  }
  throw new StoreUnavailableError('breaker store request failed', {
    cause: storeError,
  });
};
