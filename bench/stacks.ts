import middy, { type MiddlewareObj, type Request } from '@middy/core';
import type { Context } from 'aws-lambda';
import {
  ConsecutiveBreaker,
  circuitBreaker as cockatielBreaker,
  retry as cockatielRetry,
  timeout as cockatielTimeout,
  ExponentialBackoff,
  handleAll,
  TimeoutStrategy,
  wrap,
} from 'cockatiel';
import type { BreakerRuleOptions } from '../src/breaker/rules';
import type { BreakerStore } from '../src/breaker/store/breakerStore';
import { MemoryBreakerStore } from '../src/breaker/store/memoryBreakerStore';
import type { Clock, RandomSource } from '../src/clock';
import type { MetricsSink } from '../src/metrics/metricsSink';
import { bulkhead } from '../src/middlewares/bulkhead';
import { circuitBreaker } from '../src/middlewares/circuitBreaker';
import { fallback } from '../src/middlewares/fallback';
import { retry } from '../src/middlewares/retry';
import { timeouts } from '../src/middlewares/timeouts';
import { resilience } from '../src/pipeline';
import { silentLogger } from './fixtures';

/** A downstream call: what the handler awaits. */
export type Downstream<T> = (signal: AbortSignal) => Promise<T>;

/** A Middy handler as the benchmark calls it. */
export type BenchHandler = (
  event: unknown,
  context: Context,
) => Promise<unknown>;

/** The event every variant gets: a status request for one payment. */
export const statusEvent = { pathParameters: { paymentId: 'pay_bench_1' } };

const cacheKey = (request: Request): string =>
  `payment-status:${(request.event as typeof statusEvent).pathParameters.paymentId}`;

/** A bare Middy handler that awaits `downstream`: the baseline. */
export const bareHandler = (downstream: Downstream<unknown>): BenchHandler =>
  middy(
    async (
      _event: unknown,
      _context: Context,
      { signal }: { signal: AbortSignal },
    ) => {
      const body = await downstream(signal);
      return { statusCode: 200, body };
    },
  );

/** Options of {@link resilientHandler}. */
export interface StackOptions {
  /**
   * The breaker's store; the deployed function uses DynamoDB.
   * @default a new MemoryBreakerStore
   */
  store?: BreakerStore;
  /**
   * Whether the fallback remembers each answer as the last good one, as the
   * deployed function does.
   * @default true
   */
  rememberAnswers?: boolean;
  /** Clock of the deadline and the breaker. @default Date.now */
  clock?: Clock;
  /** Jitter of the retry backoff. @default Math.random */
  random?: RandomSource;
  /** Rules and cache of the breaker. @default the library's defaults */
  breaker?: BreakerRuleOptions & { cacheTtlInMillis?: number };
  /** Where the breaker counts transitions and refusals. @default none */
  metrics?: MetricsSink;
}

/** The middlewares of the stack, by name, in the order they are `.use()`d. */
export const layerNames = [
  'fallback',
  'timeouts',
  'retry',
  'circuitBreaker',
  'bulkhead',
] as const;

/** One of the {@link layerNames}. */
export type LayerName = (typeof layerNames)[number];

const layers = (options: StackOptions): Record<LayerName, MiddlewareObj> => ({
  fallback: fallback({
    cacheKey: options.rememberAnswers === false ? undefined : cacheKey,
    logger: silentLogger,
    now: options.clock,
  }),
  timeouts: timeouts({ now: options.clock }),
  retry: retry({ random: options.random, logger: silentLogger }),
  circuitBreaker: circuitBreaker({
    ...options.breaker,
    name: 'paymentService',
    store: options.store ?? new MemoryBreakerStore(),
    clock: options.clock,
    logger: silentLogger,
    metrics: options.metrics,
  }),
  bulkhead: bulkhead({ name: 'paymentService', logger: silentLogger }),
});

/**
 * The same handler behind the middlewares as functions/resilience.ts
 * composes them (fallback with a last-good cache key, timeouts, retry,
 * circuit breaker, bulkhead), with defaults for every number. `only` keeps
 * a subset, to see what each one adds; it must include one that installs
 * the pipeline (any but the fallback).
 */
export const resilientHandler = (
  downstream: Downstream<unknown>,
  options: StackOptions = {},
  only: readonly LayerName[] = layerNames,
): BenchHandler => {
  const all = layers(options);
  return middy(
    async (
      _event: unknown,
      context: Context,
      { signal }: { signal: AbortSignal },
    ) => {
      const body = await resilience(context).execute(
        (scope) => downstream(scope.signal),
        { signal },
      );
      return { statusCode: 200, body };
    },
  ).use(layerNames.filter((name) => only.includes(name)).map((n) => all[n]));
};

/**
 * The same handler with cockatiel's retry, circuit breaker and timeout
 * (made once, like ours) around the downstream call.
 */
export const cockatielHandler = (
  downstream: Downstream<unknown>,
): BenchHandler => {
  const policy = wrap(
    cockatielRetry(handleAll, {
      maxAttempts: 2,
      backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 2_000 }),
    }),
    cockatielBreaker(handleAll, {
      halfOpenAfter: 60_000,
      breaker: new ConsecutiveBreaker(5),
    }),
    cockatielTimeout(2_000, TimeoutStrategy.Cooperative),
  );
  return middy(
    async (
      _event: unknown,
      _context: Context,
      { signal }: { signal: AbortSignal },
    ) => {
      const body = await policy.execute(
        (context) => downstream(context.signal),
        signal,
      );
      return { statusCode: 200, body };
    },
  );
};
