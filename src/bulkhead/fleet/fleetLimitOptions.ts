import { randomUUID } from 'node:crypto';
import {
  type Clock,
  type RandomSource,
  systemClock,
  systemRandom,
} from '../../clock';
import { requireInteger, requireMillis } from '../../options';
import type { PermitStore } from './permitStore';

/** Options of the fleet-wide limit of a bulkhead. */
export interface FleetLimitOptions {
  /** Calls in flight to the dependency across all environments. */
  limit: number;
  /** Where the permits are kept (DynamoDB in a deployed function). */
  store: PermitStore;
  /**
   * The longest a permit is held when never given back. The lease also
   * ends with the invocation's deadline, whichever comes first.
   * @default 30_000
   */
  maxLeaseInMillis?: number;
  /**
   * How many slots one call tries before it is refused. Below `limit` it
   * caps the writes a refusal costs, but a call may then be refused while
   * a slot it did not try is free.
   * @default limit
   */
  maxSlotProbes?: number;
  /**
   * Whether a call proceeds without a permit when the store cannot answer
   * in time (the limit is then not enforced for that call).
   * @default true
   */
  failOpen?: boolean;
  /** @default Date.now */
  now?: Clock;
  /** Picks the first slot to try. @default Math.random */
  random?: RandomSource;
  /** Makes owner ids unique across the fleet. @default a random UUID */
  environmentId?: string;
}

/** {@link FleetLimitOptions} with every default filled in. */
export type FleetLimitConfig = Required<FleetLimitOptions>;

/**
 * Fills in the defaults and checks the ranges, once, at cold start.
 * @throws {ConfigurationError} naming the option that is out of range.
 */
export const resolveFleetLimitOptions = (
  options: FleetLimitOptions,
): FleetLimitConfig => {
  const limit = requireInteger('fleet limit', options.limit, 1);
  const maxSlotProbes = options.maxSlotProbes ?? limit;
  return {
    limit,
    store: options.store,
    maxLeaseInMillis: requireMillis(
      'maxLeaseInMillis',
      options.maxLeaseInMillis ?? 30_000,
      1,
    ),
    maxSlotProbes: Math.min(
      limit,
      requireInteger('maxSlotProbes', maxSlotProbes, 1),
    ),
    failOpen: options.failOpen ?? true,
    now: options.now ?? systemClock,
    random: options.random ?? systemRandom,
    environmentId: options.environmentId ?? randomUUID(),
  };
};
