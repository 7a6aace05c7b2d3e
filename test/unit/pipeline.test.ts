import { describe, expect, it } from 'vitest';
import { Deadline } from '../../src/deadline/deadline';
import { ConfigurationError } from '../../src/errors';
import {
  type CallScope,
  type Operation,
  Pipeline,
  PipelineStage,
  type Policy,
  pipelineFor,
  resilience,
} from '../../src/pipeline';

const recordingPolicy = (
  stage: PipelineStage,
  trace: string[],
  label: string,
): Policy => ({
  stage,
  execute<T>(next: Operation<T>, scope: CallScope) {
    trace.push(label);
    return next(scope);
  },
});

describe('Pipeline', () => {
  it('runs policies in stage order whatever order they were added in', async () => {
    const trace: string[] = [];
    const pipeline = new Pipeline(Deadline.never(() => 0))
      .use(recordingPolicy(PipelineStage.attemptTimeout, trace, 'timeout'))
      .use(recordingPolicy(PipelineStage.retry, trace, 'retry'))
      .use(recordingPolicy(PipelineStage.circuitBreaker, trace, 'breaker'));

    const result = await pipeline.execute(async () => {
      trace.push('call');
      return 42;
    });

    expect(result).toBe(42);
    expect(trace).toEqual(['retry', 'breaker', 'timeout', 'call']);
  });

  it('replaces a policy of the same stage', async () => {
    const trace: string[] = [];
    const pipeline = new Pipeline(Deadline.never(() => 0))
      .use(recordingPolicy(PipelineStage.retry, trace, 'first'))
      .use(recordingPolicy(PipelineStage.retry, trace, 'second'));

    await pipeline.execute(async () => undefined);

    expect(trace).toEqual(['second']);
  });

  it('gives the operation the caller signal, the deadline and attempt 1', async () => {
    const controller = new AbortController();
    const deadline = new Deadline(1_000, () => 0);
    const pipeline = new Pipeline(deadline);

    const scope = await pipeline.execute(async (s) => s, {
      signal: controller.signal,
      idempotent: false,
    });

    expect(scope).toEqual({
      signal: controller.signal,
      deadline,
      attempt: 1,
      idempotent: false,
    });
  });
});

describe('pipelineFor', () => {
  it('creates one pipeline per invocation context with its remaining time', () => {
    const context = { getRemainingTimeInMillis: () => 5_000 };

    const pipeline = pipelineFor({ context }, () => 100);

    expect(pipelineFor({ context })).toBe(pipeline);
    expect(pipeline.deadline.expiresAtInMillis).toBe(5_100);
    expect(pipelineFor({ context: {} })).not.toBe(pipeline);
  });
});

describe('pipelineFor in Middy durable mode', () => {
  it('reads the remaining time from the wrapped Lambda context', () => {
    const context = { lambdaContext: { getRemainingTimeInMillis: () => 900 } };

    const pipeline = pipelineFor({ context }, () => 0);

    expect(pipeline.deadline.expiresAtInMillis).toBe(900);
  });
});

describe('resilience', () => {
  it('throws a configuration error when no middleware installed a pipeline', () => {
    expect(() => resilience({})).toThrow(ConfigurationError);
  });
});
