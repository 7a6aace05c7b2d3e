export { CallMetricsPolicy } from './callMetricsPolicy';
export {
  type FlushableMetricsSink,
  type MetricDimensions,
  MetricName,
  type MetricsSink,
  noopMetrics,
} from './metricsSink';
export {
  type PowertoolsMetricsOptions,
  PowertoolsMetricsSink,
} from './powertoolsMetrics';
