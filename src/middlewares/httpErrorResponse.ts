import type { MiddlewareObj, Request } from '@middy/core';
import {
  type DependencyFailure,
  FailureReason,
  isClientError,
  isDependencyFailure,
} from '../errors';
import { type HttpResponse, jsonError } from '../http/jsonResponse';
import { defaultLogger, type ResilienceLogger } from '../logger';

/** Options of {@link httpErrorResponse}. */
export interface HttpErrorResponseOptions {
  /** Where unexpected errors are logged. @default defaultLogger */
  logger?: ResilienceLogger;
}

// Failures of the dependency's own answer are a bad gateway; the others mean
// it cannot be reached right now.
const badGatewayReasons: ReadonlySet<string> = new Set([
  FailureReason.upstreamError,
  FailureReason.invalidResponse,
  FailureReason.networkError,
]);

/**
 * Turns any error left unanswered into a JSON error response of one shape,
 * `{"error":{"code","message"}}`, without leaking stack traces or internal
 * details. Use it first (outermost), so it runs after every other `onError`;
 * it leaves alone a response another middleware (such as the fallback) set.
 */
export const httpErrorResponse = (
  options: HttpErrorResponseOptions = {},
): MiddlewareObj => {
  const logger = options.logger ?? defaultLogger;

  const httpErrorResponseMiddlewareOnError = (request: Request): void => {
    if (request.response !== undefined) return;
    request.response = toHttpResponse(request.error, logger);
  };

  return { onError: httpErrorResponseMiddlewareOnError };
};

const toHttpResponse = (
  error: unknown,
  logger: ResilienceLogger,
): HttpResponse => {
  if (isClientError(error)) {
    const { code, message } = error;
    return jsonError(error.statusCode, { code, message });
  }
  if (isDependencyFailure(error)) return dependencyResponse(error);
  if (error instanceof Error && error.name === 'TimeoutError') {
    return jsonError(503, {
      code: 'SERVICE_UNAVAILABLE',
      message: 'The request timed out. Please try again later.',
      reason: FailureReason.timeout,
    });
  }
  logger.error('unhandled error', { error: summarize(error) });
  return jsonError(500, {
    code: 'INTERNAL_ERROR',
    message: 'Internal server error.',
  });
};

const dependencyResponse = (error: DependencyFailure): HttpResponse => {
  const headers: Record<string, string> = {};
  if (error.retryAfterInMillis !== undefined) {
    headers['retry-after'] = String(Math.ceil(error.retryAfterInMillis / 1000));
  }
  if (badGatewayReasons.has(error.reason)) {
    return jsonError(
      502,
      {
        code: 'BAD_GATEWAY',
        message: 'A dependency failed to answer correctly.',
        reason: error.reason,
      },
      headers,
    );
  }
  return jsonError(
    503,
    {
      code: 'SERVICE_UNAVAILABLE',
      message: 'A dependency is currently unavailable.',
      reason: error.reason,
    },
    headers,
  );
};

// Name and message only: error objects from HTTP clients can carry request
// details, and logs must never hold payloads.
const summarize = (error: unknown) =>
  error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: typeof error };
