import type { MiddlewareObj, Request } from '@middy/core';
import { defaultLogger, type ResilienceLogger } from '../logger';
import { CallMetricsPolicy } from '../metrics/callMetricsPolicy';
import type { FlushableMetricsSink } from '../metrics/metricsSink';
import { pipelineFor } from '../pipeline';

/** Options of the {@link metrics} middleware. */
export interface MetricsMiddlewareOptions {
  /** The sink the policies count into, made once per environment. */
  sink: FlushableMetricsSink;
  /** Reports a flush that failed. @default defaultLogger */
  logger?: ResilienceLogger;
}

/**
 * Counts the invocation's downstream calls and failures (see
 * {@link CallMetricsPolicy}), and flushes the metrics counted during an
 * invocation once, when it ends,
 * whether it answered or failed. Use it first (outermost), so its `after`
 * and `onError` run last and see what the other middlewares counted. A
 * flush that fails is logged and never fails the invocation; an invocation
 * that counted nothing writes nothing. Metrics counted by a `before` hook
 * that answers early are written at the next invocation's flush, because
 * Middy skips `after` hooks then.
 *
 * @example
 * ```ts
 * const sink = new PowertoolsMetricsSink();
 * export const handler = middy(getPaymentStatus)
 *   .use(metrics({ sink }))
 *   .use(bulkhead({ name: 'paymentService', metrics: sink }));
 * ```
 */
export const metrics = (options: MetricsMiddlewareOptions): MiddlewareObj => {
  const { sink } = options;
  const logger = options.logger ?? defaultLogger;

  const flush = (): void => {
    try {
      sink.flush();
    } catch (error) {
      logger.warn('metrics flush failed', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  };
  const callMetrics = new CallMetricsPolicy(sink);
  const metricsMiddlewareBefore = (request: Request): void => {
    pipelineFor(request).use(callMetrics);
  };
  const metricsMiddlewareAfter = (): void => flush();
  const metricsMiddlewareOnError = (): void => flush();

  return {
    before: metricsMiddlewareBefore,
    after: metricsMiddlewareAfter,
    onError: metricsMiddlewareOnError,
  };
};
