import { ConfigurationError } from '../errors';

/**
 * Throws a {@link ConfigurationError} unless `value` is a finite number of
 * milliseconds at least `minimum`.
 */
export const requireMillis = (
  name: string,
  value: number,
  minimum: number,
): void => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < minimum) {
    throw new ConfigurationError(
      `${name} must be a finite number >= ${minimum}, got ${String(value)}`,
    );
  }
};

/** A copy of `options` without the keys whose value is undefined. */
export const withoutUndefined = <T extends object>(options: T): Partial<T> =>
  Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as Partial<T>;

/**
 * Throws a {@link ConfigurationError} unless `value` is an integer at least
 * `minimum`.
 */
export const requireInteger = (
  name: string,
  value: number,
  minimum: number,
): void => {
  if (!Number.isInteger(value) || value < minimum) {
    throw new ConfigurationError(
      `${name} must be an integer >= ${minimum}, got ${String(value)}`,
    );
  }
};
