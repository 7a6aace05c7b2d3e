import type { ResilienceLogger } from '../../logger';
import { MetricName, type MetricsSink } from '../../metrics/metricsSink';

const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

const causeMessage = (error: unknown): string | undefined => {
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  return cause instanceof Error ? cause.message : undefined;
};

/**
 * What a fleet bulkhead tells operators: a metric per refusal and per store
 * error, and a log line only when the store's health changes, so an outage
 * writes two lines rather than one per call.
 */
export class FleetReporter {
  private storeHealthy = true;

  constructor(
    private readonly name: string,
    private readonly logger: ResilienceLogger,
    private readonly metrics: MetricsSink,
    private readonly failOpen: boolean,
  ) {}

  /** A call refused because every fleet slot is held. */
  refusal(): void {
    this.metrics.count(MetricName.bulkheadRefusals, {
      bulkhead: this.name,
      limit: 'fleet',
    });
  }

  /** A store call failed; logged only when the store was healthy before. */
  storeError(operation: string, error: unknown): void {
    this.metrics.count(MetricName.storeErrors, { bulkhead: this.name });
    if (!this.storeHealthy) return;

    this.storeHealthy = false;
    this.logger.warn('bulkhead permit store unavailable', {
      bulkhead: this.name,
      operation,
      failOpen: this.failOpen,
      error: errorMessage(error),
      cause: causeMessage(error),
    });
  }

  /** A store call succeeded; logged only when the store had failed before. */
  storeAnswered(): void {
    if (this.storeHealthy) return;

    this.storeHealthy = true;
    this.logger.info('bulkhead permit store recovered', {
      bulkhead: this.name,
    });
  }
}
