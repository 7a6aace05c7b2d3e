import {
  AttemptTimeoutError,
  UpstreamNetworkError,
  UpstreamStatusError,
} from '../errors';

/** How a finished call counts for the breaker. */
export const CallOutcome = {
  /** The dependency answered well: resets the consecutive failures. */
  success: 'success',
  /** The dependency is failing: counts toward opening the circuit. */
  failure: 'failure',
  /** Says nothing about the dependency's health: not counted. */
  ignored: 'ignored',
} as const;

/** One of the {@link CallOutcome} values. */
export type CallOutcome = (typeof CallOutcome)[keyof typeof CallOutcome];

/** Decides how an error thrown by the protected call counts. */
export type ErrorClassifier = (error: unknown) => CallOutcome;

/**
 * The default classification. Failures: network errors, attempt timeouts,
 * 5xx and 429 answers. Ignored (neither counted nor resetting the count):
 * other 4xx answers and the client's own errors, which say nothing about
 * the service's health; malformed 2xx bodies (a contract bug that an open
 * circuit would only hide); calls that never reached the service (deadline
 * already passed, bulkhead full); and bugs.
 */
export const classifyError: ErrorClassifier = (error) => {
  if (error instanceof UpstreamStatusError) {
    const failed = error.statusCode === 429 || error.statusCode >= 500;
    return failed ? CallOutcome.failure : CallOutcome.ignored;
  }
  if (
    error instanceof UpstreamNetworkError ||
    error instanceof AttemptTimeoutError
  ) {
    return CallOutcome.failure;
  }
  return CallOutcome.ignored;
};
