import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResilienceLogger } from '../../../src/logger';
import { MetricName } from '../../../src/metrics/metricsSink';
import { PowertoolsMetricsSink } from '../../../src/metrics/powertoolsMetrics';

interface EmfLine {
  _aws: {
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [key: string]: unknown;
}

let written: string[];

const emfLines = (): EmfLine[] =>
  written
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.startsWith('{"_aws"'))
    .map((line) => JSON.parse(line) as EmfLine);

const recordingLogger = (): ResilienceLogger => ({
  debug: vi.fn(),
  info: vi.fn(),
  warn: vi.fn(),
  error: vi.fn(),
});

const sinkFor = (logger = recordingLogger()) =>
  new PowertoolsMetricsSink({
    namespace: 'Payments',
    serviceName: 'getPaymentStatus',
    logger,
  });

describe('PowertoolsMetricsSink', () => {
  beforeEach(() => {
    // Powertools writes to stdout only outside dev mode and when enabled.
    vi.stubEnv('POWERTOOLS_DEV', 'false');
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    written = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
  });

  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('writes one EMF line per dimension set, in Count, with service and its own dimensions', () => {
    const sink = sinkFor();
    sink.count(MetricName.calls);
    sink.count(MetricName.circuitRefusals, { breaker: 'paymentService' });
    sink.count(MetricName.failures, { reason: 'timeout' });

    sink.flush();

    const lines = emfLines();
    expect(lines).toHaveLength(3);
    expect(lines.map((line) => line._aws.CloudWatchMetrics[0])).toEqual([
      {
        Namespace: 'Payments',
        Dimensions: [['service']],
        Metrics: [{ Name: 'calls', Unit: 'Count' }],
      },
      {
        Namespace: 'Payments',
        Dimensions: [['service', 'breaker']],
        Metrics: [{ Name: 'circuitRefusals', Unit: 'Count' }],
      },
      {
        Namespace: 'Payments',
        Dimensions: [['service', 'reason']],
        Metrics: [{ Name: 'failures', Unit: 'Count' }],
      },
    ]);
    expect(lines[1]).toMatchObject({
      service: 'getPaymentStatus',
      breaker: 'paymentService',
      circuitRefusals: 1,
    });
    expect(lines[2]).toMatchObject({ reason: 'timeout', failures: 1 });
  });

  it('sums the counts of one metric and dimension set into one value', () => {
    const sink = sinkFor();
    sink.count(MetricName.retries, { breaker: 'paymentService' });
    sink.count(MetricName.retries, { breaker: 'paymentService' }, 2);
    sink.count(MetricName.retryGiveUps, { breaker: 'paymentService' });

    sink.flush();

    const [line] = emfLines();
    expect(emfLines()).toHaveLength(1);
    expect(line).toMatchObject({ retries: 3, retryGiveUps: 1 });
  });

  it('groups dimension sets whatever the order of their keys', () => {
    const sink = sinkFor();
    sink.count(MetricName.transitions, {
      breaker: 'paymentService',
      from: 'CLOSED',
      to: 'OPEN',
    });
    sink.count(MetricName.transitions, {
      to: 'OPEN',
      from: 'CLOSED',
      breaker: 'paymentService',
    });

    sink.flush();

    expect(emfLines()).toHaveLength(1);
    expect(emfLines()[0]).toMatchObject({
      breaker: 'paymentService',
      from: 'CLOSED',
      to: 'OPEN',
      transitions: 2,
    });
  });

  it('emits every metric name as a Count', () => {
    const sink = sinkFor();
    for (const name of Object.values(MetricName)) sink.count(name);

    sink.flush();

    const [line] = emfLines();
    expect(line?._aws.CloudWatchMetrics[0]?.Metrics).toEqual(
      Object.values(MetricName).map((name) => ({ Name: name, Unit: 'Count' })),
    );
  });

  it('writes nothing and warns about nothing when nothing was counted', () => {
    const logger = recordingLogger();
    const sink = sinkFor(logger);

    sink.flush();

    expect(written).toEqual([]);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('starts each invocation with an empty buffer', () => {
    const sink = sinkFor();
    sink.count(MetricName.fallbacks, { reason: 'circuit_open' });
    sink.flush();
    written = [];

    sink.count(MetricName.staleAnswers);
    sink.flush();

    const lines = emfLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toHaveProperty('fallbacks');
    expect(lines[0]).not.toHaveProperty('reason');
    expect(lines[0]).toMatchObject({ staleAnswers: 1 });
  });

  it('takes the namespace and service from the Powertools variables', () => {
    vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'FromEnv');
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'envService');
    const sink = new PowertoolsMetricsSink({ logger: recordingLogger() });
    sink.count(MetricName.storeErrors, { breaker: 'paymentService' });

    sink.flush();

    const [line] = emfLines();
    expect(line?._aws.CloudWatchMetrics[0]?.Namespace).toBe('FromEnv');
    expect(line).toMatchObject({ service: 'envService', storeErrors: 1 });
  });
});
