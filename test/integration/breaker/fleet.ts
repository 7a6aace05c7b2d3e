import type { CircuitBreakerOptions } from '../../../src/breaker/circuitBreakerOptions';
import { CircuitBreakerPolicy } from '../../../src/breaker/circuitBreakerPolicy';
import { DynamoDbBreakerStore } from '../../../src/breaker/store/dynamoDbBreakerStore';
import { UpstreamStatusError } from '../../../src/errors';
import type { MetricName } from '../../../src/metrics/metricsSink';
import { callScope } from '../../support/callScope';
import { localDocumentClient } from '../../support/dynamodb';
import { manualClock } from '../../support/manualClock';

const silentLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** A clock shared by a simulated fleet and moved by hand. */
export const sharedClock = (startInMillis = Date.now()) =>
  manualClock(startInMillis);

/**
 * One simulated Lambda environment: its own DynamoDB client, store, cache
 * and policy, talking to the shared table over real HTTP.
 */
export const environment = (
  tableName: string,
  id: string,
  clock: () => number,
  options: Partial<CircuitBreakerOptions> & {
    endpoint?: string;
    storeTimeoutInMillis?: number;
  } = {},
) => {
  const counts: MetricName[] = [];
  const transitions: string[] = [];
  const store = new DynamoDbBreakerStore({
    tableName,
    client: localDocumentClient(options.endpoint),
    timeoutInMillis: options.storeTimeoutInMillis ?? 5_000,
  });
  const policy = new CircuitBreakerPolicy({
    name: 'payments',
    store,
    clock,
    environmentId: id,
    logger: silentLogger,
    metrics: {
      count: (name, dimensions) => {
        counts.push(name);
        if (name === 'transitions')
          transitions.push(`${dimensions?.from}>${dimensions?.to}`);
      },
    },
    ...options,
  });
  let calls = 0;
  const run = <T>(
    operation: () => Promise<T>,
    remainingInMillis?: number,
    reserveInMillis?: number,
  ) =>
    policy.execute(
      async () => {
        calls += 1;
        return operation();
      },
      callScope({ now: clock, remainingInMillis, reserveInMillis }),
    );
  return {
    store,
    run,
    counts,
    transitions,
    calls: () => calls,
    succeed: () => run(async () => 'ok'),
    fail: () =>
      run(async () => {
        throw new UpstreamStatusError(503);
      }).catch((error: unknown) => error),
  };
};

/** A fleet of `size` environments on one table. */
export const fleetOf = (
  size: number,
  tableName: string,
  clock: () => number,
  options: Partial<CircuitBreakerOptions> = {},
) =>
  Array.from({ length: size }, (_, i) =>
    environment(tableName, `env-${i}`, clock, options),
  );
