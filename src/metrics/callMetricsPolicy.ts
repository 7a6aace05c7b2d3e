import { isDependencyFailure } from '../errors';
import {
  type CallScope,
  type Operation,
  PipelineStage,
  type Policy,
} from '../pipeline';
import { MetricName, type MetricsSink } from './metricsSink';

/**
 * Counts the downstream calls really made (`calls`) and those that failed
 * (`failures`, by reason). It sits innermost, so a call the breaker or the
 * bulkhead refused, or that the deadline never let start, is not a call.
 * Answers the client caused (a 404) are calls, not failures.
 */
export class CallMetricsPolicy implements Policy {
  readonly stage = PipelineStage.callMetrics;

  constructor(private readonly sink: MetricsSink) {}

  async execute<T>(next: Operation<T>, scope: CallScope): Promise<T> {
    this.sink.count(MetricName.calls);
    try {
      return await next(scope);
    } catch (error) {
      if (isDependencyFailure(error)) {
        this.sink.count(MetricName.failures, { reason: error.reason });
      }
      throw error;
    }
  }
}
