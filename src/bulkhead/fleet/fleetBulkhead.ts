import {
  BulkheadFullError,
  DeadlineExceededError,
  StoreUnavailableError,
} from '../../errors';
import { defaultLogger, type ResilienceLogger } from '../../logger';
import { type MetricsSink, noopMetrics } from '../../metrics/metricsSink';
import type { CallScope, Operation } from '../../pipeline';
import {
  type FleetLimitConfig,
  type FleetLimitOptions,
  resolveFleetLimitOptions,
} from './fleetLimitOptions';
import { FleetReporter } from './fleetReporter';
import type { SlotClaim, TakeRequest } from './permitStore';

export type { FleetLimitOptions } from './fleetLimitOptions';

/** What the fleet limit shares with its bulkhead. */
export interface FleetContext {
  /** The bulkhead's name, shared by its permits. */
  readonly name: string;
  /** Reports store trouble. @default defaultLogger */
  readonly logger?: ResilienceLogger;
  /** Counts refusals and store errors. @default noopMetrics */
  readonly metrics?: MetricsSink;
}

/**
 * Bounds the calls in flight to a dependency across the whole fleet with
 * leased permits in a permit store: one write to take a permit, one
 * to give it back, and one failed write per busy slot tried on the way.
 */
export class FleetBulkhead {
  private readonly config: FleetLimitConfig;
  private readonly reporter: FleetReporter;
  private readonly name: string;
  private callCount = 0;

  constructor(options: FleetLimitOptions, context: FleetContext) {
    this.config = resolveFleetLimitOptions(options);
    this.name = context.name;
    this.reporter = new FleetReporter(
      context.name,
      context.logger ?? defaultLogger,
      context.metrics ?? noopMetrics,
      this.config.failOpen,
    );
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
    this.reporter.storeAnswered();
    if (claim === undefined) {
      this.reporter.refusal();
      throw new BulkheadFullError(this.name);
    }
    return claim;
  }

  private takeRequest(scope: CallScope): Omit<TakeRequest, 'slot'> {
    const remainingInMillis = scope.deadline.remainingInMillis();
    if (remainingInMillis <= 0) {
      throw new DeadlineExceededError('no time left to take a fleet permit');
    }

    const nowInMillis = this.config.now();
    this.callCount += 1;
    return {
      bulkheadName: this.name,
      ownerId: `${this.config.environmentId}#${this.callCount}`,
      nowInMillis,
      leaseExpiresAtInMillis:
        nowInMillis + Math.min(remainingInMillis, this.config.maxLeaseInMillis),
    };
  }

  private async takeAnySlot(
    request: Omit<TakeRequest, 'slot'>,
    signal: AbortSignal,
  ): Promise<SlotClaim | undefined> {
    const first = Math.floor(this.config.random() * this.config.limit);
    for (let probe = 0; probe < this.config.maxSlotProbes; probe += 1) {
      const slot = (first + probe) % this.config.limit;
      if (await this.config.store.tryTake({ ...request, slot }, signal)) {
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
      await this.config.store.give(claim);
      this.reporter.storeAnswered();
    } catch (error) {
      // The lease frees the slot anyway; failing the call would only add harm.
      this.reporter.storeError('give', error);
    }
  }

  private proceedWithoutPermit(error: unknown): undefined {
    this.reporter.storeError('take', error);
    if (this.config.failOpen) return undefined;
    throw error instanceof StoreUnavailableError
      ? error
      : new StoreUnavailableError('fleet permit store failed', {
          cause: error,
        });
  }
}
