import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Bulkhead } from '../../../src/bulkhead/bulkhead';
import { Deadline } from '../../../src/deadline/deadline';
import {
  BulkheadFullError,
  ConfigurationError,
  DeadlineExceededError,
} from '../../../src/errors';
import type { MetricsSink } from '../../../src/metrics/metricsSink';
import type { CallScope } from '../../../src/pipeline';
import { callScope } from '../../support/callScope';

const clock = () => Date.now();

const scopeWith = (overrides: Partial<CallScope> = {}) =>
  callScope({ deadline: Deadline.never(clock), ...overrides });

/** A call that stays in flight until the test finishes it. */
const heldCall = () => {
  let finish: (value: string) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const started = vi.fn();
  const operation = () => {
    started();
    return new Promise<string>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  };
  return {
    operation,
    started,
    finish: (value: string) => finish(value),
    fail: (error: Error) => fail(error),
  };
};

const recordingMetrics = () => {
  const count = vi.fn<MetricsSink['count']>();
  return { sink: { count } satisfies MetricsSink, count };
};

describe('Bulkhead', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs a call at once while a permit is free', async () => {
    const bulkhead = new Bulkhead({ name: 'payments', maxConcurrent: 2 });

    const result = await bulkhead.execute(async () => 'ok', scopeWith());

    expect(result).toBe('ok');
    expect(bulkhead.activeCount).toBe(0);
  });

  it('refuses at once with BulkheadFullError when full and no queue', async () => {
    const { sink, count } = recordingMetrics();
    const bulkhead = new Bulkhead({
      name: 'payments',
      maxConcurrent: 1,
      metrics: sink,
    });
    const first = heldCall();
    const running = bulkhead.execute(first.operation, scopeWith());

    const refused = bulkhead.execute(async () => 'never', scopeWith());

    await expect(refused).rejects.toThrow(BulkheadFullError);
    await expect(refused).rejects.toMatchObject({
      bulkheadName: 'payments',
      reason: 'bulkhead_full',
      retryable: false,
    });
    expect(count).toHaveBeenCalledWith('bulkheadRefusals', {
      bulkhead: 'payments',
      limit: 'environment',
    });
    first.finish('done');
    await running;
  });

  it('refuses at once when the queue is full', async () => {
    const bulkhead = new Bulkhead({
      name: 'payments',
      maxConcurrent: 1,
      maxQueued: 1,
    });
    const first = heldCall();
    const running = bulkhead.execute(first.operation, scopeWith());
    const queued = bulkhead.execute(async () => 'queued', scopeWith());

    const refused = bulkhead.execute(async () => 'never', scopeWith());

    await expect(refused).rejects.toThrow(BulkheadFullError);
    first.finish('done');
    await expect(queued).resolves.toBe('queued');
    await running;
  });

  it('hands a released permit to the oldest waiter first', async () => {
    const bulkhead = new Bulkhead({
      name: 'payments',
      maxConcurrent: 1,
      maxQueued: 3,
    });
    const order: string[] = [];
    const first = heldCall();
    const running = bulkhead.execute(first.operation, scopeWith());
    const waiters = ['a', 'b', 'c'].map((label) =>
      bulkhead.execute(async () => {
        order.push(label);
      }, scopeWith()),
    );

    first.finish('done');
    await Promise.all([running, ...waiters]);

    expect(order).toEqual(['a', 'b', 'c']);
    expect(bulkhead.activeCount).toBe(0);
  });

  it('does not let a newcomer overtake a waiter handed a permit', async () => {
    const bulkhead = new Bulkhead({
      name: 'payments',
      maxConcurrent: 1,
      maxQueued: 2,
    });
    const first = heldCall();
    const running = bulkhead.execute(first.operation, scopeWith());
    const waiter = heldCall();
    const queued = bulkhead.execute(waiter.operation, scopeWith());
    const newcomer = heldCall();

    first.finish('done');
    await running;
    const late = bulkhead.execute(newcomer.operation, scopeWith());
    await vi.advanceTimersByTimeAsync(0);

    expect(waiter.started).toHaveBeenCalled();
    expect(newcomer.started).not.toHaveBeenCalled();
    waiter.finish('queued');
    await expect(queued).resolves.toBe('queued');
    expect(newcomer.started).toHaveBeenCalled();
    newcomer.finish('late');
    await expect(late).resolves.toBe('late');
  });

  it('refuses a queued call with BulkheadFullError when the queue timeout passes', async () => {
    const { sink, count } = recordingMetrics();
    const bulkhead = new Bulkhead({
      name: 'payments',
      maxConcurrent: 1,
      maxQueued: 1,
      queueTimeoutInMillis: 100,
      metrics: sink,
    });
    const first = heldCall();
    const running = bulkhead.execute(first.operation, scopeWith());
    const queued = bulkhead.execute(async () => 'never', scopeWith());
    const outcome = expect(queued).rejects.toThrow(BulkheadFullError);

    await vi.advanceTimersByTimeAsync(100);

    await outcome;
    expect(bulkhead.queuedCount).toBe(0);
    expect(count).toHaveBeenCalledTimes(1);
    first.finish('done');
    await running;
    expect(bulkhead.activeCount).toBe(0);
  });

  it('leaves the queue with DeadlineExceededError when the deadline comes first', async () => {
    const bulkhead = new Bulkhead({
      name: 'payments',
      maxConcurrent: 1,
      maxQueued: 1,
      queueTimeoutInMillis: 1_000,
    });
    const first = heldCall();
    const running = bulkhead.execute(first.operation, scopeWith());
    const deadline = new Deadline(Date.now() + 50, clock);
    const queued = bulkhead.execute(
      async () => 'never',
      scopeWith({ deadline }),
    );
    const outcome = expect(queued).rejects.toThrow(DeadlineExceededError);

    await vi.advanceTimersByTimeAsync(49);
    expect(bulkhead.queuedCount).toBe(1);
    await vi.advanceTimersByTimeAsync(1);

    await outcome;
    expect(bulkhead.queuedCount).toBe(0);
    first.finish('done');
    await running;
  });

  it('refuses to queue a call whose deadline has passed', async () => {
    const bulkhead = new Bulkhead({
      name: 'payments',
      maxConcurrent: 1,
      maxQueued: 1,
    });
    const first = heldCall();
    const running = bulkhead.execute(first.operation, scopeWith());
    const deadline = new Deadline(Date.now(), clock);

    const queued = bulkhead.execute(
      async () => 'never',
      scopeWith({ deadline }),
    );

    await expect(queued).rejects.toThrow(DeadlineExceededError);
    expect(bulkhead.queuedCount).toBe(0);
    first.finish('done');
    await running;
  });

  it('removes a waiter whose signal aborts, with the abort reason', async () => {
    const bulkhead = new Bulkhead({
      name: 'payments',
      maxConcurrent: 1,
      maxQueued: 2,
    });
    const first = heldCall();
    const running = bulkhead.execute(first.operation, scopeWith());
    const controller = new AbortController();
    const aborted = bulkhead.execute(
      async () => 'never',
      scopeWith({ signal: controller.signal }),
    );
    const next = bulkhead.execute(async () => 'next', scopeWith());
    const reason = new Error('invocation aborted');

    controller.abort(reason);

    await expect(aborted).rejects.toBe(reason);
    expect(bulkhead.queuedCount).toBe(1);
    first.finish('done');
    await expect(next).resolves.toBe('next');
    await running;
    expect(bulkhead.activeCount).toBe(0);
  });

  it('rejects with the abort reason when the signal aborted before queueing', async () => {
    const bulkhead = new Bulkhead({
      name: 'payments',
      maxConcurrent: 1,
      maxQueued: 1,
    });
    const first = heldCall();
    const running = bulkhead.execute(first.operation, scopeWith());
    const reason = new Error('already aborted');

    const queued = bulkhead.execute(
      async () => 'never',
      scopeWith({ signal: AbortSignal.abort(reason) }),
    );

    await expect(queued).rejects.toBe(reason);
    expect(bulkhead.queuedCount).toBe(0);
    first.finish('done');
    await running;
  });

  it('releases the permit when the call fails', async () => {
    const bulkhead = new Bulkhead({ name: 'payments', maxConcurrent: 1 });
    const failure = new Error('boom');

    const failed = bulkhead.execute(async () => {
      throw failure;
    }, scopeWith());

    await expect(failed).rejects.toBe(failure);
    expect(bulkhead.activeCount).toBe(0);
    await expect(bulkhead.execute(async () => 'ok', scopeWith())).resolves.toBe(
      'ok',
    );
  });

  it('releases the permit when the call throws synchronously', async () => {
    const bulkhead = new Bulkhead({ name: 'payments', maxConcurrent: 1 });
    const failure = new Error('sync boom');

    const failed = bulkhead.execute(() => {
      throw failure;
    }, scopeWith());

    await expect(failed).rejects.toBe(failure);
    expect(bulkhead.activeCount).toBe(0);
  });

  it('runs no more than maxConcurrent calls at once under many parallel calls', async () => {
    const bulkhead = new Bulkhead({
      name: 'payments',
      maxConcurrent: 3,
      maxQueued: 100,
      queueTimeoutInMillis: 60_000,
    });
    let inFlight = 0;
    let mostInFlight = 0;
    const call = (delayInMillis: number) => async () => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, delayInMillis));
      inFlight -= 1;
    };

    const calls = Array.from({ length: 50 }, (_, i) =>
      bulkhead.execute(call(1 + (i % 7)), scopeWith()),
    );
    await vi.runAllTimersAsync();
    await Promise.all(calls);

    expect(mostInFlight).toBe(3);
    expect(bulkhead.activeCount).toBe(0);
    expect(bulkhead.queuedCount).toBe(0);
  });

  it.each([
    [{ maxConcurrent: 0 }, /maxConcurrent/],
    [{ maxConcurrent: 1.5 }, /maxConcurrent/],
    [{ maxQueued: -1 }, /maxQueued/],
    [{ queueTimeoutInMillis: 0 }, /queueTimeoutInMillis/],
    [{ name: '' }, /name/],
    [{ name: 'a#b' }, /name/],
  ])('rejects the options %o at construction', (options, message) => {
    expect(() => new Bulkhead({ name: 'payments', ...options })).toThrow(
      ConfigurationError,
    );
    expect(() => new Bulkhead({ name: 'payments', ...options })).toThrow(
      message,
    );
  });
});
