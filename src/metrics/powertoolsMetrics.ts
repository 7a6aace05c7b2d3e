import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { defaultLogger, type ResilienceLogger } from '../logger';
import type {
  FlushableMetricsSink,
  MetricDimensions,
  MetricName,
} from './metricsSink';

/** Options of a {@link PowertoolsMetricsSink}. */
export interface PowertoolsMetricsOptions {
  /**
   * The CloudWatch namespace.
   * @default POWERTOOLS_METRICS_NAMESPACE, else 'lambda-resilience'
   */
  namespace?: string;
  /**
   * The `service` dimension of every metric.
   * @default POWERTOOLS_SERVICE_NAME, else 'lambda-resilience'
   */
  serviceName?: string;
  /** Receives Powertools' own warnings. @default defaultLogger */
  logger?: ResilienceLogger;
}

interface DataPoint {
  readonly name: MetricName;
  readonly dimensions: MetricDimensions | undefined;
  readonly value: number;
}

interface Group {
  readonly dimensions: MetricDimensions;
  readonly totals: Map<MetricName, number>;
}

const noDimensions: MetricDimensions = {};

const groupKey = (dimensions: MetricDimensions): string =>
  Object.keys(dimensions)
    .sort()
    .map((key) => `${key}=${dimensions[key]}`)
    .join('\u0000');

/**
 * A {@link FlushableMetricsSink} that writes CloudWatch Embedded Metric
 * Format lines to stdout through Powertools Metrics: no API calls, and
 * CloudWatch turns the lines into metrics. Every metric is a `Count` with
 * the `service` dimension plus the data point's own.
 *
 * EMF gives one set of dimension values per line, so `flush` writes one line
 * per distinct dimension set, with each metric summed within its line.
 * Counting only appends to a buffer; the grouping happens at flush.
 * Powertools turns metrics off when POWERTOOLS_DEV is set, unless
 * POWERTOOLS_METRICS_DISABLED is `false`.
 */
export class PowertoolsMetricsSink implements FlushableMetricsSink {
  private readonly metrics: Metrics;
  private buffer: DataPoint[] = [];

  constructor(options: PowertoolsMetricsOptions = {}) {
    this.metrics = new Metrics({
      namespace:
        options.namespace ||
        process.env.POWERTOOLS_METRICS_NAMESPACE ||
        'lambda-resilience',
      serviceName:
        options.serviceName ||
        process.env.POWERTOOLS_SERVICE_NAME ||
        'lambda-resilience',
      logger: options.logger ?? defaultLogger,
    });
  }

  /** Appends one data point to the invocation's buffer. */
  count(name: MetricName, dimensions?: MetricDimensions, value = 1): void {
    this.buffer.push({ name, dimensions, value });
  }

  /** Writes one EMF line per dimension set; nothing when empty. */
  flush(): void {
    if (this.buffer.length === 0) return;

    const points = this.buffer;
    this.buffer = [];
    for (const group of groupByDimensions(points)) {
      this.publish(group);
    }
  }

  private publish(group: Group): void {
    for (const [key, value] of Object.entries(group.dimensions)) {
      this.metrics.addDimension(key, value);
    }
    for (const [name, total] of group.totals) {
      this.metrics.addMetric(name, MetricUnit.Count, total);
    }
    this.metrics.publishStoredMetrics();
  }
}

const groupByDimensions = (points: readonly DataPoint[]): Iterable<Group> => {
  const groups = new Map<string, Group>();
  for (const { name, dimensions = noDimensions, value } of points) {
    const key = groupKey(dimensions);
    let group = groups.get(key);
    if (group === undefined) {
      group = { dimensions, totals: new Map() };
      groups.set(key, group);
    }
    group.totals.set(name, (group.totals.get(name) ?? 0) + value);
  }
  return groups.values();
};
