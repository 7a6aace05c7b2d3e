import type { Clock } from '../clock';

/** Longest wait a `Retry-After` header may ask for; longer values are capped. */
export const maxRetryAfterInMillis = 24 * 60 * 60 * 1000;

const deltaSecondsPattern = /^\d+$/;

/**
 * Parses an HTTP `Retry-After` header: delta-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2015 07:28:00 GMT`), relative to `now`.
 * @returns the wait in milliseconds (a past date gives 0), or undefined when
 * the header is absent or not one of the two forms.
 */
export const parseRetryAfter = (
  header: string | null | undefined,
  now: Clock,
): number | undefined => {
  const value = header?.trim();
  if (!value) return undefined;

  if (deltaSecondsPattern.test(value)) {
    return Math.min(Number(value) * 1000, maxRetryAfterInMillis);
  }
  const dateInMillis = Date.parse(value);
  if (Number.isNaN(dateInMillis) || !/[a-z]/i.test(value)) return undefined;
  return Math.min(Math.max(0, dateInMillis - now()), maxRetryAfterInMillis);
};
