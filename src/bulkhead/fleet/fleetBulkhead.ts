import { randomUUID } from 'node:crypto';
import {
  type Clock,
  type RandomSource,
  systemClock,
  systemRandom,
} from '../../clock';
import {
  BulkheadFullError,
  DeadlineExceededError,
  StoreUnavailableError,
} from '../../errors';
import { defaultLogger, type ResilienceLogger } from '../../logger';
import {
  MetricName,
  type MetricsSink,
  noopMetrics,
} from '../../metrics/metricsSink';
import type { CallScope, Operation } from '../../pipeline';
import { requireCount, requireDuration } from '../options';
import type { PermitStore, SlotClaim, TakeRequest } from './permitStore';

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

/** What the fleet limit shares with its bulkhead. */
export interface FleetContext {
  readonly name: string;
  readonly logger?: ResilienceLogger;
  readonly metrics?: MetricsSink;
}

/**
 * Bounds the calls in flight to a dependency across the whole fleet with
 * leased permits in a {@link PermitStore}: one write to take a permit, one
 * to give it back, and one failed write per busy slot tried on the way.
 */
export class FleetBulkhead {
  private readonly limit: number;
  private readonly maxLeaseInMillis: number;
  private readonly maxSlotProbes: number;
  private readonly failOpen: boolean;
  private readonly store: PermitStore;
  private readonly now: Clock;
  private readonly random: RandomSource;
  private readonly environmentId: string;
  private readonly logger: ResilienceLogger;
  private readonly metrics: MetricsSink;
  private readonly name: string;
  private callCount = 0;

  constructor(options: FleetLimitOptions, context: FleetContext) {
    this.limit = requireCount('fleet limit', options.limit, 1);
    this.maxLeaseInMillis = requireDuration(
      'maxLeaseInMillis',
      options.maxLeaseInMillis ?? 30_000,
    );
    this.maxSlotProbes = Math.min(
      this.limit,
      requireCount('maxSlotProbes', options.maxSlotProbes ?? this.limit, 1),
    );
    this.failOpen = options.failOpen ?? true;
    this.store = options.store;
    this.now = options.now ?? systemClock;
    this.random = options.random ?? systemRandom;
    this.environmentId = options.environmentId ?? randomUUID();
    this.name = context.name;
    this.logger = context.logger ?? defaultLogger;
    this.metrics = context.metrics ?? noopMetrics;
  }

  /** Runs `next` holding a fleet permit, and gives the permit back after. */
  async run<T>(next: Operation<T>, scope: CallScope): Promise<T> {
    const claim = await this.acquire(scope);
    try {
      return await next(scope);
    } finally {
      if (claim !== undefined) await this.release(claim);
    }
  }

  private async acquire(scope: CallScope): Promise<SlotClaim | undefined> {
    const request = this.takeRequest(scope);
    let claim: SlotClaim | undefined;
    try {
      claim = await this.takeAnySlot(request, scope.signal);
    } catch (error) {
      if (scope.signal.aborted) throw scope.signal.reason;
      return this.proceedWithoutPermit(error);
    }
    if (claim === undefined) throw this.refuse();
    return claim;
  }

  private takeRequest(scope: CallScope): Omit<TakeRequest, 'slot'> {
    const remainingInMillis = scope.deadline.remainingInMillis();
    if (remainingInMillis <= 0) {
      throw new DeadlineExceededError('no time left to take a fleet permit');
    }

    const nowInMillis = this.now();
    this.callCount += 1;
    return {
      bulkheadName: this.name,
      ownerId: `${this.environmentId}#${this.callCount}`,
      nowInMillis,
      leaseExpiresAtInMillis:
        nowInMillis + Math.min(remainingInMillis, this.maxLeaseInMillis),
    };
  }

  private async takeAnySlot(
    request: Omit<TakeRequest, 'slot'>,
    signal: AbortSignal,
  ): Promise<SlotClaim | undefined> {
    const first = Math.floor(this.random() * this.limit);
    for (let probe = 0; probe < this.maxSlotProbes; probe += 1) {
      const slot = (first + probe) % this.limit;
      if (await this.store.tryTake({ ...request, slot }, signal)) {
        return {
          bulkheadName: request.bulkheadName,
          slot,
          ownerId: request.ownerId,
        };
      }
    }
    return undefined;
  }

  private async release(claim: SlotClaim): Promise<void> {
    try {
      await this.store.give(claim);
    } catch (error) {
      // The lease frees the slot anyway; failing the call would only add harm.
      this.reportStoreError('give', error);
    }
  }

  private proceedWithoutPermit(error: unknown): undefined {
    this.reportStoreError('take', error);
    if (this.failOpen) return undefined;
    throw error instanceof StoreUnavailableError
      ? error
      : new StoreUnavailableError('fleet permit store failed', {
          cause: error,
        });
  }

  private reportStoreError(operation: string, error: unknown): void {
    this.metrics.count(MetricName.storeErrors, { bulkhead: this.name });
    this.logger.warn('bulkhead permit store error', {
      bulkhead: this.name,
      operation,
      failOpen: this.failOpen,
      error: error instanceof Error ? error.message : String(error),
    });
  }

  private refuse(): BulkheadFullError {
    this.metrics.count(MetricName.bulkheadRefusals, {
      bulkhead: this.name,
      limit: 'fleet',
    });
    return new BulkheadFullError(this.name);
  }
}
