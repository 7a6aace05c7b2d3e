/** One slot of a fleet bulkhead, as claimed by one call. */
export interface SlotClaim {
  /** The bulkhead's name. */
  readonly bulkheadName: string;
  /** Which of the `limit` slots, from 0. */
  readonly slot: number;
  /** Who holds it: unique per call, across the fleet. */
  readonly ownerId: string;
}

/** A request to take one slot until a lease expires. */
export interface TakeRequest extends SlotClaim {
  /** The caller's current time, in epoch milliseconds. */
  readonly nowInMillis: number;
  /** When the slot frees itself if never given back, in epoch milliseconds. */
  readonly leaseExpiresAtInMillis: number;
}

/**
 * Where fleet-wide bulkhead permits are kept: one record per slot, taken
 * with a lease. A slot is free when it has no record or its lease expired,
 * so a permit whose holder died frees itself without anyone cleaning up.
 */
export interface PermitStore {
  /**
   * Takes the slot when it is free or its lease has expired.
   * @returns false when another owner holds a live lease on it.
   * @throws {StoreUnavailableError} when the store cannot answer in time.
   */
  tryTake(request: TakeRequest, signal?: AbortSignal): Promise<boolean>;
  /**
   * Gives the slot back if `ownerId` still holds it; does nothing when the
   * lease already passed to someone else.
   * @throws {StoreUnavailableError} when the store cannot answer in time.
   */
  give(claim: SlotClaim): Promise<void>;
}

/** The key of a slot's record: `bulkhead#<name>#<slot>`. */
export const slotKey = (bulkheadName: string, slot: number): string =>
  `bulkhead#${bulkheadName}#${slot}`;
