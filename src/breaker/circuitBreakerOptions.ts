import { randomUUID } from 'node:crypto';
import { type Clock, systemClock } from '../clock';
import { ConfigurationError } from '../errors';
import { defaultLogger, type ResilienceLogger } from '../logger';
import { type MetricsSink, noopMetrics } from '../metrics/metricsSink';
import { classifyError, type ErrorClassifier } from './outcome';
import {
  type BreakerRuleOptions,
  type BreakerRules,
  resolveRules,
} from './rules';
import type { BreakerStore } from './store/breakerStore';

/** What the breaker does when its store cannot be read or written in time. */
export const StoreFailurePolicy = {
  /** Let the call through (and do no accounting for it). */
  failOpen: 'failOpen',
  /** Refuse the call with a StoreUnavailableError. */
  failClosed: 'failClosed',
} as const;

/** One of the {@link StoreFailurePolicy} values. */
export type StoreFailurePolicy =
  (typeof StoreFailurePolicy)[keyof typeof StoreFailurePolicy];

/** Options of a {@link CircuitBreakerPolicy}. */
export interface CircuitBreakerOptions extends BreakerRuleOptions {
  /** The breaker's name: one per dependency; breakers share a table by name. */
  name: string;
  /** Where the shared state lives. */
  store: BreakerStore;
  /** How long this environment trusts the record it last saw. @default 1000 */
  cacheTtlInMillis?: number;
  /** What happens when the store fails. @default 'failOpen' */
  storeFailurePolicy?: StoreFailurePolicy;
  /**
   * Successes one environment holds back before writing them, while the
   * failure-rate window holds failures.
   * @default 20
   */
  successFlushThreshold?: number;
  /** Longest time successes are held back, under the same condition. @default 5000 */
  successFlushIntervalInMillis?: number;
  /** How a thrown error counts. @default classifyError */
  classifyError?: ErrorClassifier;
  /** Identifies this environment as a probe-lease owner. @default a random UUID */
  environmentId?: string;
  /** @default defaultLogger */
  logger?: ResilienceLogger;
  /** @default noopMetrics */
  metrics?: MetricsSink;
  /** @default Date.now */
  clock?: Clock;
}

/** {@link CircuitBreakerOptions} with every default applied. */
export interface ResolvedCircuitBreakerOptions
  extends Required<Omit<CircuitBreakerOptions, keyof BreakerRuleOptions>> {
  readonly rules: BreakerRules;
}

const check = (valid: boolean, message: string): void => {
  if (!valid) throw new ConfigurationError(`circuit breaker: ${message}`);
};

const validate = (options: ResolvedCircuitBreakerOptions): void => {
  check(
    typeof options.name === 'string' && options.name.length > 0,
    'name is required',
  );
  check(options.store !== undefined, 'a store is required');
  check(options.cacheTtlInMillis >= 0, 'cacheTtlInMillis must be >= 0');
  check(
    Object.values(StoreFailurePolicy).includes(options.storeFailurePolicy),
    "storeFailurePolicy must be 'failOpen' or 'failClosed'",
  );
  check(
    Number.isInteger(options.successFlushThreshold) &&
      options.successFlushThreshold > 0,
    'successFlushThreshold must be >= 1',
  );
  check(
    options.successFlushIntervalInMillis > 0,
    'successFlushIntervalInMillis must be > 0',
  );
};

/**
 * Applies the defaults and validates once, at cold start.
 * @throws {ConfigurationError} when an option is missing or out of range.
 */
export const resolveCircuitBreakerOptions = (
  options: CircuitBreakerOptions,
): ResolvedCircuitBreakerOptions => {
  const resolved: ResolvedCircuitBreakerOptions = {
    name: options.name,
    store: options.store,
    cacheTtlInMillis: options.cacheTtlInMillis ?? 1_000,
    storeFailurePolicy:
      options.storeFailurePolicy ?? StoreFailurePolicy.failOpen,
    successFlushThreshold: options.successFlushThreshold ?? 20,
    successFlushIntervalInMillis: options.successFlushIntervalInMillis ?? 5_000,
    classifyError: options.classifyError ?? classifyError,
    environmentId: options.environmentId ?? randomUUID(),
    logger: options.logger ?? defaultLogger,
    metrics: options.metrics ?? noopMetrics,
    clock: options.clock ?? systemClock,
    rules: resolveRules(options),
  };
  validate(resolved);
  return resolved;
};
