import { InvalidPaymentIdError } from '../errors';

const paymentIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Checks a payment identifier taken from the request path. Only ASCII
 * letters, digits, `_` and `-`, 1 to 64 characters, so an identifier can
 * never smuggle a path segment, a query or an encoded character downstream.
 * @throws {InvalidPaymentIdError} for anything else.
 */
export const parsePaymentId = (raw: unknown): string => {
  if (typeof raw !== 'string' || !paymentIdPattern.test(raw)) {
    throw new InvalidPaymentIdError(
      'paymentId must be 1 to 64 characters: letters, digits, "_" or "-"',
    );
  }
  return raw;
};
