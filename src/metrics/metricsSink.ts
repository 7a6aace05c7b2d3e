/**
 * Names of the metrics the library emits. Stable: dashboards and alarms
 * refer to them.
 */
export const MetricName = {
  calls: 'calls',
  failures: 'failures',
  retries: 'retries',
  retryGiveUps: 'retryGiveUps',
  fallbacks: 'fallbacks',
  staleAnswers: 'staleAnswers',
  circuitRefusals: 'circuitRefusals',
  transitions: 'transitions',
  storeErrors: 'storeErrors',
  bulkheadRefusals: 'bulkheadRefusals',
} as const;

/** One of the {@link MetricName} values. */
export type MetricName = (typeof MetricName)[keyof typeof MetricName];

/** Extra dimensions of one data point, for example `{ breaker, reason }`. */
export type MetricDimensions = Readonly<Record<string, string>>;

/**
 * Where policies count what happened. A port, so pure policies stay free of
 * I/O: the Powertools (EMF) implementation buffers and is flushed once per
 * invocation by the metrics middleware.
 */
export interface MetricsSink {
  /** Adds `value` (default 1) to the count `name` under `dimensions`. */
  count(name: MetricName, dimensions?: MetricDimensions, value?: number): void;
}

/** A sink that drops everything; the default when no metrics are wired. */
export const noopMetrics: MetricsSink = { count: () => undefined };

/**
 * A sink that buffers data points until it is flushed, once per invocation,
 * by the metrics middleware.
 */
export interface FlushableMetricsSink extends MetricsSink {
  /** Emits everything counted since the last flush; silent when empty. */
  flush(): void;
}
