import { BulkheadFullError, DeadlineExceededError } from '../errors';
import type { ResilienceLogger } from '../logger';
import {
  MetricName,
  type MetricsSink,
  noopMetrics,
} from '../metrics/metricsSink';
import { requireInteger, requireMillis } from '../options';
import {
  type CallScope,
  type Operation,
  PipelineStage,
  type Policy,
} from '../pipeline';
import { FleetBulkhead, type FleetLimitOptions } from './fleet/fleetBulkhead';
import { requireName } from './options';
import { WaitQueue } from './waitQueue';

/** Options of a {@link Bulkhead}. */
export interface BulkheadOptions {
  /** The dependency it guards; in errors, metrics and permit keys. */
  name: string;
  /** Calls running at once in this environment. @default 10 */
  maxConcurrent?: number;
  /** Calls that may wait for a permit; 0 refuses at once when full. @default 0 */
  maxQueued?: number;
  /**
   * How long a queued call waits before it is refused with
   * `BulkheadFullError`. A call whose deadline comes first leaves at the
   * deadline with `DeadlineExceededError`.
   * @default 1_000
   */
  queueTimeoutInMillis?: number;
  /** A limit across the whole fleet, on top of this one. @default off */
  fleet?: FleetLimitOptions;
  /** Counts refusals and store errors. @default noopMetrics */
  metrics?: MetricsSink;
  /** Reports permit store errors. @default defaultLogger */
  logger?: ResilienceLogger;
}

/**
 * Bounds the calls to one dependency that run at once in one environment,
 * with a bounded FIFO queue, and optionally across the fleet. Create one per
 * environment (at module load) and install it in each invocation's
 * pipeline: the count is shared by every invocation the environment runs.
 */
export class Bulkhead implements Policy {
  readonly stage = PipelineStage.bulkhead;
  /** The dependency it guards. */
  readonly name: string;
  private readonly maxConcurrent: number;
  private readonly queueTimeoutInMillis: number;
  private readonly queue: WaitQueue;
  private readonly fleet: FleetBulkhead | undefined;
  private readonly metrics: MetricsSink;
  private active = 0;

  constructor(options: BulkheadOptions) {
    this.name = requireName(options.name);
    this.maxConcurrent = requireInteger(
      'maxConcurrent',
      options.maxConcurrent ?? 10,
      1,
    );
    const maxQueued = requireInteger('maxQueued', options.maxQueued ?? 0, 0);
    this.queue = new WaitQueue(maxQueued);
    this.queueTimeoutInMillis = requireMillis(
      'queueTimeoutInMillis',
      options.queueTimeoutInMillis ?? 1_000,
      1,
    );
    this.metrics = options.metrics ?? noopMetrics;
    this.fleet =
      options.fleet &&
      new FleetBulkhead(options.fleet, { ...options, name: this.name });
  }

  /** Calls holding a permit of this environment now. */
  get activeCount(): number {
    return this.active;
  }

  /** Calls waiting for a permit now. */
  get queuedCount(): number {
    return this.queue.length;
  }

  /** Runs `next` holding a permit, waiting in the queue if allowed. */
  execute<T>(next: Operation<T>, scope: CallScope): Promise<T> {
    if (this.active < this.maxConcurrent) {
      this.active += 1;
      return this.runHolding(next, scope);
    }
    return this.waitThenRun(next, scope);
  }

  private async waitThenRun<T>(
    next: Operation<T>,
    scope: CallScope,
  ): Promise<T> {
    await this.waitForPermit(scope);
    return this.runHolding(next, scope);
  }

  private waitForPermit(scope: CallScope): Promise<void> {
    if (this.queue.isFull()) return Promise.reject(this.refuse());
    if (scope.signal.aborted) return Promise.reject(scope.signal.reason);

    const remainingInMillis = scope.deadline.remainingInMillis();
    if (remainingInMillis <= 0) {
      return Promise.reject(this.deadlinePassed());
    }
    if (remainingInMillis < this.queueTimeoutInMillis) {
      return this.queue.wait(scope.signal, remainingInMillis, () =>
        this.deadlinePassed(),
      );
    }
    return this.queue.wait(scope.signal, this.queueTimeoutInMillis, () =>
      this.refuse(),
    );
  }

  private async runHolding<T>(
    next: Operation<T>,
    scope: CallScope,
  ): Promise<T> {
    try {
      if (this.fleet === undefined) return await next(scope);
      return await this.fleet.run(next, scope);
    } finally {
      this.release();
    }
  }

  private release(): void {
    // A waiter takes the permit over, so the count stays as it is.
    if (!this.queue.handOver()) this.active -= 1;
  }

  private refuse(): BulkheadFullError {
    this.metrics.count(MetricName.bulkheadRefusals, {
      bulkhead: this.name,
      limit: 'environment',
    });
    return new BulkheadFullError(this.name);
  }

  private deadlinePassed(): DeadlineExceededError {
    return new DeadlineExceededError(
      `deadline passed while waiting for bulkhead ${this.name}`,
    );
  }
}
