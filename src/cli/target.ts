import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CliOptions } from './arguments';

/** The table `npm start` creates; the default when no table is named. */
export const localBreakerTable = 'lambda-resilience-dev-breakers';

/** Where `npm start` runs dynalite: the default without endpoint or region. */
export const localDynamoDbEndpoint = 'http://127.0.0.1:8000';

/** Region of a local endpoint when none is given; dynalite ignores it. */
const localRegion = 'us-east-1';

/** Where the CLI finds the breakers: a table at an endpoint or in a region. */
export interface StoreTarget {
  readonly tableName: string;
  /** A DynamoDB URL (dynalite locally); undefined means AWS in `region`. */
  readonly endpoint: string | undefined;
  readonly region: string;
  /** True for a loopback endpoint, which gets dummy credentials. */
  readonly local: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value === '' ? undefined : value;

const loopbackHosts = new Set(['localhost', '[::1]', '::1']);

/** True when `endpoint` is on this machine (localhost, 127.x, ::1). */
export const isLoopback = (endpoint: string): boolean => {
  const { hostname } = new URL(endpoint);
  return loopbackHosts.has(hostname) || /^127\./.test(hostname);
};

/**
 * Applies the defaults: the table from --table, BREAKER_TABLE, then the
 * local stack's; the endpoint from --endpoint, then (only without --region,
 * so a shell set up for local work never sends AWS commands to dynalite)
 * DYNAMODB_ENDPOINT, then the local stack's dynalite.
 */
export const resolveTarget = (options: CliOptions, env: Env): StoreTarget => {
  const tableName =
    options.table ?? nonEmpty(env.BREAKER_TABLE) ?? localBreakerTable;
  const endpoint =
    options.endpoint ??
    (options.region === undefined
      ? (nonEmpty(env.DYNAMODB_ENDPOINT) ?? localDynamoDbEndpoint)
      : undefined);
  const local = endpoint !== undefined && isLoopback(endpoint);
  const region =
    options.region ??
    (local ? localRegion : (nonEmpty(env.AWS_REGION) ?? localRegion));
  return { tableName, endpoint, region, local };
};

/** The endpoint, or the region, as named in messages. */
export const describeTarget = (target: StoreTarget): string =>
  target.endpoint ?? `AWS region ${target.region}`;

/**
 * A DynamoDB client for the target. A local endpoint gets dummy
 * credentials, so real ones never reach it and none are needed; AWS uses the
 * SDK's usual chain (environment, profile, SSO, instance role). The store
 * makes its own single retry, so the SDK makes one attempt.
 */
export const clientFor = (
  target: StoreTarget,
): { client: DynamoDBClient; documentClient: DynamoDBDocumentClient } => {
  const client = new DynamoDBClient({
    endpoint: target.endpoint,
    region: target.region,
    maxAttempts: 1,
    credentials: target.local
      ? { accessKeyId: 'local', secretAccessKey: 'local' }
      : undefined,
  });
  const documentClient = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { client, documentClient };
};
