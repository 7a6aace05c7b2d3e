import type { Request } from '@middy/core';
import { type Clock, systemClock } from '../clock';
import type { FailureReason } from '../errors';
import { defaultLogger, type ResilienceLogger } from '../logger';
import { type MetricsSink, noopMetrics } from '../metrics/metricsSink';
import { requireInteger, requireMillis, withoutUndefined } from '../options';
import type { LastGoodStore } from './lastGoodStore';
import { MemoryLastGoodStore } from './memoryLastGoodStore';

/** Options of the fallback middleware. */
export interface FallbackOptions {
  /** Status of the fallback answer. @default 503 */
  statusCode?: number;
  /**
   * `error.code` of the fallback body.
   * @default 'PAYMENT_SERVICE_UNAVAILABLE'
   */
  code?: string;
  /**
   * `error.message` of the fallback body.
   * @default
   * 'Payment service is currently unavailable. Please try again later.'
   */
  message?: string;
  /**
   * `Retry-After` (seconds) when the failure carries no wait of its own.
   * @default 5
   */
  defaultRetryAfterInSeconds?: number;
  /**
   * Renames failure reasons in the body's `error.reason`, for example
   * `{ retry_budget_exhausted: 'overloaded' }`; unlisted reasons keep their
   * name.
   * @default {}
   */
  reasons?: Partial<Record<FailureReason, string>>;
  /**
   * The key a successful answer is remembered under, or undefined not to
   * remember it. Without this option no last known good answer is kept.
   * Include in the key everything the answer depends on (path, caller).
   * @default undefined
   */
  cacheKey?: (request: Request) => string | undefined;
  /** A remembered answer older than this is not served. @default 300000 */
  maxAgeInMillis?: number;
  /** Answers kept by the default in-memory store. @default 1000 */
  maxEntries?: number;
  /**
   * Where answers are remembered.
   * @default a {@link MemoryLastGoodStore} of `maxEntries`, per environment
   */
  store?: LastGoodStore;
  /**
   * Headers that mark a stale answer, added to its `age` header.
   * @default { 'x-cache': 'stale' }
   */
  staleHeaders?: Readonly<Record<string, string>>;
  /** @default Date.now */
  now?: Clock;
  /** Where fallbacks and store errors are logged. @default defaultLogger */
  logger?: ResilienceLogger;
  /**
   * Where `fallbacks`, `staleAnswers` and `storeErrors` are counted.
   * @default noopMetrics
   */
  metrics?: MetricsSink;
}

/** {@link FallbackOptions} with every default applied and checked. */
export type FallbackConfig = Readonly<
  Required<Omit<FallbackOptions, 'cacheKey' | 'maxEntries'>> &
    Pick<FallbackOptions, 'cacheKey'>
>;

/** The defaults of {@link FallbackOptions}. */
export const fallbackDefaults = {
  statusCode: 503,
  code: 'PAYMENT_SERVICE_UNAVAILABLE',
  message: 'Payment service is currently unavailable. Please try again later.',
  defaultRetryAfterInSeconds: 5,
  maxAgeInMillis: 300_000,
  staleHeaders: { 'x-cache': 'stale' },
} as const;

/**
 * Applies the defaults and validates the options once, at cold start.
 * @throws {ConfigurationError} naming the option that is out of range.
 */
export const resolveFallbackOptions = (
  options: FallbackOptions = {},
): FallbackConfig => {
  const { maxEntries, ...given } = withoutUndefined(options);
  const config = {
    ...fallbackDefaults,
    reasons: {},
    now: systemClock,
    logger: defaultLogger,
    metrics: noopMetrics,
    ...given,
    store: given.store ?? new MemoryLastGoodStore({ maxEntries }),
  };
  requireInteger('statusCode', config.statusCode, 100);
  requireInteger(
    'defaultRetryAfterInSeconds',
    config.defaultRetryAfterInSeconds,
    0,
  );
  requireMillis('maxAgeInMillis', config.maxAgeInMillis, 0);
  return config;
};
