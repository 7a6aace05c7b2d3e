import { ConfigurationError } from '../errors';

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
