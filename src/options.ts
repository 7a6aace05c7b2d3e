/** Checks shared by every option resolver; each runs once, at cold start. */

import { ConfigurationError } from './errors';

/**
 * Returns `value` if it is a finite number of milliseconds at least
 * `minimum`.
 * @throws {ConfigurationError} naming the option and the value it got.
 */
export const requireMillis = (
  name: string,
  value: number,
  minimum: number,
): number => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < minimum) {
    throw new ConfigurationError(
      `${name} must be a finite number >= ${minimum}, got ${String(value)}`,
    );
  }
  return value;
};

/** A copy of `options` without the keys whose value is undefined. */
export const withoutUndefined = <T extends object>(options: T): Partial<T> =>
  Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as Partial<T>;

/**
 * Returns `value` if it is an integer at least `minimum`.
 * @throws {ConfigurationError} naming the option and the value it got.
 */
export const requireInteger = (
  name: string,
  value: number,
  minimum: number,
): number => {
  if (!Number.isInteger(value) || value < minimum) {
    throw new ConfigurationError(
      `${name} must be an integer >= ${minimum}, got ${String(value)}`,
    );
  }
  return value;
};
