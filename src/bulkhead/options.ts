import { ConfigurationError } from '../errors';

/**
 * Checks that a count option is a whole number of at least `minimum`.
 * @throws {ConfigurationError} naming the option and the value it got.
 */
export const requireCount = (
  name: string,
  value: number,
  minimum: number,
): number => {
  if (!Number.isInteger(value) || value < minimum) {
    throw new ConfigurationError(
      `${name} must be a whole number of at least ${minimum}, got ${value}`,
    );
  }
  return value;
};

/**
 * Checks that a duration option is a finite number of milliseconds above 0.
 * @throws {ConfigurationError} naming the option and the value it got.
 */
export const requireDuration = (name: string, value: number): number => {
  if (!Number.isFinite(value) || value <= 0) {
    throw new ConfigurationError(
      `${name} must be a number of milliseconds above 0, got ${value}`,
    );
  }
  return value;
};

/**
 * Checks that a bulkhead name is usable in error messages, metric
 * dimensions and DynamoDB keys.
 * @throws {ConfigurationError} when it is empty or holds a `#`.
 */
export const requireName = (value: string): string => {
  if (value.length === 0 || value.includes('#')) {
    throw new ConfigurationError(
      `bulkhead name must be non-empty and without '#', got '${value}'`,
    );
  }
  return value;
};
