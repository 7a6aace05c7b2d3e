import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { BreakerStore } from '../src/breaker/store/breakerStore';
import { DynamoDbBreakerStore } from '../src/breaker/store/dynamoDbBreakerStore';
import { MemoryBreakerStore } from '../src/breaker/store/memoryBreakerStore';
import { createDocumentClient } from '../src/dynamoDb/documentClient';
import { UpstreamStatusError } from '../src/errors';
import { MetricName, type MetricsSink } from '../src/metrics/metricsSink';
import {
  countRequests,
  noRequests,
  type RequestCounts,
} from './dynamoDbRequests';
import { lambdaContext, nextTurn } from './fixtures';
import { resilientHandler, statusEvent } from './stacks';
import { seededRandom } from './stats';

/** What happened, in order: a call that reached the service, or an open. */
export type FleetEvent =
  | { readonly kind: 'call'; readonly environment: number }
  | { readonly kind: 'opened'; readonly environment: number };

// dynalite shares this process's event loop with 20 environments; the
// 200 ms default times out on a busy machine, and a breaker that fails open
// lets calls through, which would measure the machine, not the breaker.
const storeTimeoutInMillis = 1_000;

/** One simulated Lambda environment: its own store, client, policies. */
export interface FleetEnvironment {
  readonly index: number;
  /** Requests its DynamoDB client sent (zero for an in-memory store). */
  readonly requests: RequestCounts;
  /** Calls it made to the service. */
  calls: number;
  /** Store errors its breaker counted. */
  storeErrors: number;
  /**
   * Runs one invocation.
   * @returns true when the breaker refused it without calling the service.
   */
  invoke(): Promise<boolean>;
  /** Releases its DynamoDB client. */
  close(): void;
}

/** How a fleet's breakers keep their state. */
export interface FleetOptions {
  /** The shared table, or undefined for one in-memory store per environment. */
  readonly table?: { readonly endpoint: string; readonly tableName: string };
  readonly environments: number;
  readonly resetTimeoutInMillis: number;
  /** Shared by the fleet, in the order things happened. */
  readonly events: FleetEvent[];
}

const sinkFor = (env: FleetEnvironment, events: FleetEvent[]): MetricsSink => ({
  count: (name, dimensions) => {
    if (name === MetricName.storeErrors) env.storeErrors += 1;
    if (name === MetricName.transitions && dimensions?.to === 'OPEN') {
      events.push({ kind: 'opened', environment: env.index });
    }
  },
});

const isRefusal = (response: unknown): boolean => {
  const body = (response as { body?: string }).body ?? '{}';
  return JSON.parse(body)?.error?.reason === 'circuit_open';
};

const storeFor = (
  client: DynamoDBDocumentClient | undefined,
  table: FleetOptions['table'],
): BreakerStore =>
  client === undefined || table === undefined
    ? new MemoryBreakerStore()
    : new DynamoDbBreakerStore({
        tableName: table.tableName,
        client,
        timeoutInMillis: storeTimeoutInMillis,
      });

/**
 * Environment `index` of a fleet calling a dead service (every call fails
 * with a retryable 503) through the whole middleware stack.
 */
export const fleetEnvironment = (
  index: number,
  options: FleetOptions,
): FleetEnvironment => {
  const client = options.table && createDocumentClient(options.table.endpoint);
  const deadService = async (): Promise<never> => {
    env.calls += 1;
    options.events.push({ kind: 'call', environment: index });
    await nextTurn();
    throw new UpstreamStatusError(503);
  };
  const env: FleetEnvironment = {
    index,
    requests: client === undefined ? noRequests() : countRequests(client),
    calls: 0,
    storeErrors: 0,
    invoke: async () => {
      const before = env.calls;
      const response = await handler(statusEvent, lambdaContext());
      return env.calls === before && isRefusal(response);
    },
    close: () => client?.destroy(),
  };
  const handler = resilientHandler(deadService, {
    store: storeFor(client, options.table),
    random: seededRandom(index + 1),
    breaker: { resetTimeoutInMillis: options.resetTimeoutInMillis },
    metrics: sinkFor(env, options.events),
  });
  return env;
};

/** A fleet of independent environments. */
export const fleetOf = (options: FleetOptions): FleetEnvironment[] =>
  Array.from({ length: options.environments }, (_, i) =>
    fleetEnvironment(i, options),
  );

const pause = (millis: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, millis));

/**
 * Every environment invokes in a loop, `paceInMillis` apart, until `done`
 * says so for it (or `maxInMillis` passed). Environments run concurrently,
 * each one invocation at a time, like Lambda environments.
 */
export const invokeUntil = async (
  fleet: readonly FleetEnvironment[],
  done: (env: FleetEnvironment, refused: boolean) => boolean,
  paceInMillis: number,
  maxInMillis: number,
): Promise<void> => {
  const giveUpAt = performance.now() + maxInMillis;
  await Promise.all(
    fleet.map(async (env) => {
      while (performance.now() < giveUpAt) {
        const refused = await env.invoke();
        if (done(env, refused)) return;
        await pause(paceInMillis);
      }
    }),
  );
};
