import type { Clock } from '../clock';

/** Longest wait a `Retry-After` header may ask for; longer values are capped. */
export const maxRetryAfterInMillis = 24 * 60 * 60 * 1000;

const deltaSecondsPattern = /^\d+$/;

// The three HTTP-date forms of RFC 9110: IMF-fixdate
// (`Sun, 06 Nov 1994 08:49:37 GMT`), the obsolete RFC 850 form
// (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`).
// Date.parse alone accepts far more (ISO strings, stray words and numbers).
const httpDatePatterns = [
  /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/,
  /^[A-Z][a-z]{5,8}, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/,
  /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/,
];

const isHttpDate = (value: string): boolean =>
  httpDatePatterns.some((pattern) => pattern.test(value));

/**
 * Parses an HTTP `Retry-After` header: delta-seconds (`120`) or an HTTP date
 * in one of its three forms (`Wed, 21 Oct 2015 07:28:00 GMT`), relative to
 * `now`. Anything else is ignored, so a malformed header cannot stall retries.
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
  if (!isHttpDate(value)) return undefined;
  const dateInMillis = Date.parse(
    value.endsWith('GMT') ? value : `${value} GMT`,
  );
  if (Number.isNaN(dateInMillis)) return undefined;
  return Math.min(Math.max(0, dateInMillis - now()), maxRetryAfterInMillis);
};
