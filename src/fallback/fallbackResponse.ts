import { type FailureReason, isDependencyFailure } from '../errors';
import type { HttpAnswer, LastGoodAnswer } from './lastGoodStore';

/** What the fallback answers with; see {@link unavailableResponse}. */
export interface UnavailableResponseSettings {
  readonly statusCode: number;
  readonly code: string;
  readonly message: string;
  readonly defaultRetryAfterInSeconds: number;
  readonly reasons: Partial<Record<FailureReason, string>>;
}

/** A failure the fallback answers for, and the reason it reports. */
export interface HandledFailure {
  readonly reason: FailureReason;
  readonly retryAfterInMillis: number | undefined;
}

/**
 * The failure the fallback answers for: any dependency failure, or Middy's
 * early timeout (an error named `TimeoutError`). Anything else (client
 * errors, bugs) gives undefined and is left to the error-response middleware.
 */
export const handledFailure = (error: unknown): HandledFailure | undefined => {
  if (isDependencyFailure(error)) return error;
  if (error instanceof Error && error.name === 'TimeoutError') {
    return { reason: 'timeout', retryAfterInMillis: undefined };
  }
  return undefined;
};

/**
 * The answer when the dependency failed and nothing can be served stale:
 * by default a 503 JSON body
 * `{"error":{"code","message","reason"}}` with `Retry-After` in whole
 * seconds: the failure's own wait rounded up, or the configured default.
 */
export const unavailableResponse = (
  failure: HandledFailure,
  settings: UnavailableResponseSettings,
): HttpAnswer & { headers: Record<string, string> } => {
  const retryAfterInSeconds =
    failure.retryAfterInMillis === undefined
      ? settings.defaultRetryAfterInSeconds
      : Math.ceil(failure.retryAfterInMillis / 1000);
  const error = {
    code: settings.code,
    message: settings.message,
    reason: settings.reasons[failure.reason] ?? failure.reason,
  };
  return {
    statusCode: settings.statusCode,
    headers: {
      'content-type': 'application/json',
      'retry-after': String(retryAfterInSeconds),
    },
    body: JSON.stringify({ error }),
  };
};

/** Age of a remembered answer in whole seconds, as in the `age` header. */
export const ageInSeconds = (answer: LastGoodAnswer, nowInMillis: number) =>
  Math.max(0, Math.floor((nowInMillis - answer.storedAtInMillis) / 1000));

/** True when a remembered answer is younger than `maxAgeInMillis`. */
export const isFresh = (
  answer: LastGoodAnswer,
  nowInMillis: number,
  maxAgeInMillis: number,
): boolean => nowInMillis - answer.storedAtInMillis < maxAgeInMillis;

/**
 * A remembered answer served stale: its status, headers and body, with an
 * `age` header and the stale markers.
 */
export const staleResponse = (
  answer: LastGoodAnswer,
  nowInMillis: number,
  staleHeaders: Readonly<Record<string, string>>,
): HttpAnswer => ({
  ...answer.response,
  headers: {
    ...answer.response.headers,
    age: String(ageInSeconds(answer, nowInMillis)),
    ...staleHeaders,
  },
});
