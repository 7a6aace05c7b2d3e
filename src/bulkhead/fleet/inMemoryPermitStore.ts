import type { PermitStore, SlotClaim, TakeRequest } from './permitStore';
import { slotKey } from './permitStore';

interface Lease {
  readonly ownerId: string;
  readonly leaseExpiresAtInMillis: number;
}

/**
 * A {@link PermitStore} in one process's memory: for tests, and for running
 * several simulated environments in one process. Same rules as the
 * DynamoDB store.
 */
export class InMemoryPermitStore implements PermitStore {
  private readonly leases = new Map<string, Lease>();

  async tryTake(request: TakeRequest): Promise<boolean> {
    const key = slotKey(request.bulkheadName, request.slot);
    const lease = this.leases.get(key);
    if (lease && lease.leaseExpiresAtInMillis >= request.nowInMillis) {
      return false;
    }

    this.leases.set(key, {
      ownerId: request.ownerId,
      leaseExpiresAtInMillis: request.leaseExpiresAtInMillis,
    });
    return true;
  }

  async give(claim: SlotClaim): Promise<void> {
    const key = slotKey(claim.bulkheadName, claim.slot);
    if (this.leases.get(key)?.ownerId === claim.ownerId) {
      this.leases.delete(key);
    }
  }

  /** How many slots of `bulkheadName` hold a live lease at `nowInMillis`. */
  heldCount(bulkheadName: string, nowInMillis: number): number {
    let held = 0;
    for (const [key, lease] of this.leases) {
      const live = lease.leaseExpiresAtInMillis >= nowInMillis;
      if (live && key.startsWith(`bulkhead#${bulkheadName}#`)) held += 1;
    }
    return held;
  }
}
