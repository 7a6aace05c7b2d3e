/**
 * Every error this library throws: one base class, a stable machine-readable
 * `code` per subclass, and the context an operator or a fallback needs.
 */

/**
 * Why a call to a dependency failed, as reported in fallback responses,
 * logs and metrics. Stable strings: clients and dashboards match on them.
 */
export const FailureReason = {
  timeout: 'timeout',
  networkError: 'network_error',
  upstreamError: 'upstream_error',
  invalidResponse: 'invalid_response',
  retriesExhausted: 'retries_exhausted',
  retryBudgetExhausted: 'retry_budget_exhausted',
  circuitOpen: 'circuit_open',
  bulkheadFull: 'bulkhead_full',
  storeUnavailable: 'store_unavailable',
} as const;

/** One of the {@link FailureReason} values. */
export type FailureReason = (typeof FailureReason)[keyof typeof FailureReason];

/** Base of every error raised by the library. */
export abstract class ResilienceError extends Error {
  /** Stable, machine-readable code (for example `CIRCUIT_OPEN`). */
  abstract readonly code: string;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** True when `error` is any error raised by this library. */
export const isResilienceError = (error: unknown): error is ResilienceError =>
  error instanceof ResilienceError;

/** A request the client got wrong: answered with a 4xx, never retried. */
export abstract class ClientError extends ResilienceError {
  /** The HTTP status the client receives. */
  abstract readonly statusCode: number;
}

/** True when `error` is the client's fault and should pass through as a 4xx. */
export const isClientError = (error: unknown): error is ClientError =>
  error instanceof ClientError;

/** The payment identifier in the path is missing or malformed. */
export class InvalidPaymentIdError extends ClientError {
  readonly code = 'INVALID_PAYMENT_ID';
  readonly statusCode = 400;
}

/** The payment service does not know the payment. */
export class PaymentNotFoundError extends ClientError {
  readonly code = 'PAYMENT_NOT_FOUND';
  readonly statusCode = 404;
}

/** Options shared by every dependency failure. */
export interface DependencyFailureOptions extends ErrorOptions {
  /** How long the dependency asked callers to wait, when it said so. */
  retryAfterInMillis?: number;
}

/**
 * A dependency could not give an answer. The fallback turns these into a
 * 503 (or a stale answer); retries and the breaker decide from `retryable`.
 */
export abstract class DependencyFailure extends ResilienceError {
  /** The cause, as reported to clients and in metrics. */
  abstract readonly reason: FailureReason;
  /** Whether another attempt could succeed. */
  abstract readonly retryable: boolean;
  /** How long the dependency asked callers to wait, if it did. */
  readonly retryAfterInMillis: number | undefined;

  constructor(message: string, options?: DependencyFailureOptions) {
    super(message, options);
    this.retryAfterInMillis = options?.retryAfterInMillis;
  }
}

/** True when `error` is a failure of a dependency rather than a bug or bad input. */
export const isDependencyFailure = (
  error: unknown,
): error is DependencyFailure => error instanceof DependencyFailure;

// 501 is absent on purpose: "not implemented" will not change on a retry.
const retryableStatusCodes: ReadonlySet<number> = new Set([
  429, 500, 502, 503, 504,
]);

/** The dependency answered with an unexpected HTTP status. */
export class UpstreamStatusError extends DependencyFailure {
  readonly code = 'UPSTREAM_STATUS';
  readonly reason = FailureReason.upstreamError;
  readonly retryable: boolean;

  constructor(
    readonly statusCode: number,
    options?: DependencyFailureOptions,
  ) {
    super(`dependency answered with status ${statusCode}`, options);
    this.retryable = retryableStatusCodes.has(statusCode);
  }
}

/** The connection failed, was reset, or the body could not be read. */
export class UpstreamNetworkError extends DependencyFailure {
  readonly code = 'UPSTREAM_NETWORK';
  readonly reason = FailureReason.networkError;
  readonly retryable = true;
}

/** The dependency answered 2xx with a body that is not what was promised. */
export class InvalidUpstreamResponseError extends DependencyFailure {
  readonly code = 'UPSTREAM_INVALID_RESPONSE';
  readonly reason = FailureReason.invalidResponse;
  readonly retryable = false;
}

/** One attempt took longer than its timeout and was aborted. */
export class AttemptTimeoutError extends DependencyFailure {
  readonly code = 'ATTEMPT_TIMEOUT';
  readonly reason = FailureReason.timeout;
  readonly retryable = true;

  constructor(
    readonly timeoutInMillis: number,
    options?: DependencyFailureOptions,
  ) {
    super(`attempt timed out after ${timeoutInMillis} ms`, options);
  }
}

/** The invocation's deadline left no time for (another) attempt. */
export class DeadlineExceededError extends DependencyFailure {
  readonly code = 'DEADLINE_EXCEEDED';
  readonly reason = FailureReason.timeout;
  readonly retryable = false;
}

/** Every allowed attempt failed; `cause` is the last failure. */
export class RetriesExhaustedError extends DependencyFailure {
  readonly code = 'RETRIES_EXHAUSTED';
  readonly reason = FailureReason.retriesExhausted;
  readonly retryable = false;

  constructor(
    readonly attempts: number,
    options?: DependencyFailureOptions,
  ) {
    super(`gave up after ${attempts} attempts`, options);
  }
}

/** The retry budget is empty, so a failed call is not retried. */
export class RetryBudgetExhaustedError extends DependencyFailure {
  readonly code = 'RETRY_BUDGET_EXHAUSTED';
  readonly reason = FailureReason.retryBudgetExhausted;
  readonly retryable = false;

  constructor(
    readonly attempts: number,
    options?: DependencyFailureOptions,
  ) {
    super(`retry budget exhausted after ${attempts} attempts`, options);
  }
}

/** The circuit breaker refused the call: the call was "not permitted". */
export class CircuitOpenError extends DependencyFailure {
  readonly code = 'CIRCUIT_OPEN';
  readonly reason = FailureReason.circuitOpen;
  readonly retryable = false;

  constructor(
    readonly breakerName: string,
    options?: DependencyFailureOptions,
  ) {
    super(`circuit breaker ${breakerName} does not permit calls`, options);
  }
}

/** The bulkhead is full (or its queue timed out), so the call was refused. */
export class BulkheadFullError extends DependencyFailure {
  readonly code = 'BULKHEAD_FULL';
  readonly reason = FailureReason.bulkheadFull;
  readonly retryable = false;

  constructor(
    readonly bulkheadName: string,
    options?: DependencyFailureOptions,
  ) {
    super(`bulkhead ${bulkheadName} is full`, options);
  }
}

/** The breaker's state store could not be read or written in time. */
export class StoreUnavailableError extends DependencyFailure {
  readonly code = 'STORE_UNAVAILABLE';
  readonly reason = FailureReason.storeUnavailable;
  readonly retryable = false;
}

/** An option is missing or out of range; raised once, at cold start. */
export class ConfigurationError extends ResilienceError {
  readonly code = 'INVALID_CONFIGURATION';
}
