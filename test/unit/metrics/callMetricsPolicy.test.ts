import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { Deadline } from '../../../src/deadline/deadline';
import {
  CircuitOpenError,
  PaymentNotFoundError,
  UpstreamStatusError,
} from '../../../src/errors';
import { CallMetricsPolicy } from '../../../src/metrics/callMetricsPolicy';
import type { FlushableMetricsSink } from '../../../src/metrics/metricsSink';
import { metrics } from '../../../src/middlewares/metrics';
import {
  type CallScope,
  Pipeline,
  PipelineStage,
  resilience,
} from '../../../src/pipeline';

const countingSink = () => {
  const counted: string[] = [];
  const sink: FlushableMetricsSink = {
    count: (name, dimensions) => {
      counted.push(dimensions ? `${name}:${dimensions.reason}` : name);
    },
    flush: () => undefined,
  };
  return { sink, counted };
};

const pipelineCounting = () => {
  const { sink, counted } = countingSink();
  const pipeline = new Pipeline(Deadline.never(() => 0)).use(
    new CallMetricsPolicy(sink),
  );
  return { pipeline, counted };
};

describe('CallMetricsPolicy', () => {
  it('counts a call that succeeds as one call and no failure', async () => {
    const { pipeline, counted } = pipelineCounting();

    await pipeline.execute(async () => 'ok');

    expect(counted).toEqual(['calls']);
  });

  it('counts a failed call with the failure reason', async () => {
    const { pipeline, counted } = pipelineCounting();

    const call = pipeline.execute(async () => {
      throw new UpstreamStatusError(503);
    });

    await expect(call).rejects.toBeInstanceOf(UpstreamStatusError);
    expect(counted).toEqual(['calls', 'failures:upstream_error']);
  });

  it('does not count an answer the client caused as a failure', async () => {
    const { pipeline, counted } = pipelineCounting();

    const call = pipeline.execute(async () => {
      throw new PaymentNotFoundError('gone');
    });

    await expect(call).rejects.toBeInstanceOf(PaymentNotFoundError);
    expect(counted).toEqual(['calls']);
  });

  it('does not count a call an outer policy refused', async () => {
    const { pipeline, counted } = pipelineCounting();
    pipeline.use({
      stage: PipelineStage.circuitBreaker,
      execute: () => Promise.reject(new CircuitOpenError('payments')),
    });

    const call = pipeline.execute(async (scope: CallScope) => scope.attempt);

    await expect(call).rejects.toBeInstanceOf(CircuitOpenError);
    expect(counted).toEqual([]);
  });
});

describe('metrics middleware', () => {
  it('installs call counting in the invocation pipeline', async () => {
    const { sink, counted } = countingSink();
    const handler = middy(async (_event: unknown, context: Context) =>
      resilience(context).execute(async () => 'ok'),
    ).use(metrics({ sink }));

    await handler({}, {} as Context);

    expect(counted).toEqual(['calls']);
  });
});
