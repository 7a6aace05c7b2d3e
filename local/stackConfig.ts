import { mkdir } from 'node:fs/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startLocalDynamoDb } from './dynamodb';
import { freePort, type PortClaim } from './ports';
import type { StackOptions } from './stack';
import { ensureTable } from './table';

/** The table name the local stack and serverless.yml use by default. */
export const defaultBreakerTable = 'lambda-resilience-dev-breakers';

/** The ports a stack uses, resolved (0 only where a server picks its own). */
export interface Ports {
  api: number;
  lambda: number;
  dynamoDb: number;
  simulator: number;
}

/** Replaces 0 with a free port where serverless offline needs a number. */
export const resolvePorts = async (options: StackOptions): Promise<Ports> => {
  const pick = async (port: number) => (port === 0 ? freePort() : port);
  return {
    api: await pick(options.apiPort ?? 3000),
    lambda: await pick(options.lambdaPort ?? 3002),
    dynamoDb: options.dynamoDbPort ?? 8000,
    simulator: options.simulatorPort ?? 4010,
  };
};

/** The ports to check before starting anything. */
export const claimsOf = (options: StackOptions, ports: Ports): PortClaim[] => {
  const claims: PortClaim[] = [
    { name: 'API', port: ports.api, envName: 'PORT' },
    {
      name: 'offline Lambda',
      port: ports.lambda,
      envName: 'OFFLINE_LAMBDA_PORT',
    },
  ];
  if (options.dynamoDbEndpoint === undefined && ports.dynamoDb !== 0) {
    claims.push({
      name: 'dynalite',
      port: ports.dynamoDb,
      envName: 'DYNAMODB_PORT',
    });
  }
  if (options.paymentServiceUrl === undefined && ports.simulator !== 0) {
    claims.push({
      name: 'simulator',
      port: ports.simulator,
      envName: 'SIMULATOR_PORT',
    });
  }
  return claims;
};

/** Creates the breaker table when missing. */
export const createTable = async (endpoint: string, tableName: string) => {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: { requestTimeout: 5_000 },
  });
  try {
    return await ensureTable(client, tableName);
  } finally {
    client.destroy();
  }
};

/** Starts dynalite on loopback, creating its data folder if needed. */
export const startDynamoDb = async (options: StackOptions, port: number) => {
  if (options.dynamoDbPath !== undefined) {
    await mkdir(options.dynamoDbPath, { recursive: true });
  }
  return startLocalDynamoDb({
    port,
    host: '127.0.0.1',
    path: options.dynamoDbPath,
  });
};

/**
 * The build folder of the stack's serverless offline, relative to the
 * project: one per API port, so two running stacks never share bundles.
 */
export const workFolderOf = (ports: Ports): string =>
  `.esbuild/offline-${ports.api}`;

/** The environment serverless offline runs with. */
export const offlineEnv = (
  options: StackOptions,
  ports: Ports,
  endpoints: { dynamoDb: string; paymentService: string },
): NodeJS.ProcessEnv => {
  // Real credentials must never reach a local stack.
  const { AWS_PROFILE, AWS_SESSION_TOKEN, ...inherited } = process.env;
  return {
    ...inherited,
    ...options.env,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: 'us-east-1',
    PORT: String(ports.api),
    OFFLINE_LAMBDA_PORT: String(ports.lambda),
    DYNAMODB_ENDPOINT: endpoints.dynamoDb,
    PAYMENT_SERVICE_URL: endpoints.paymentService,
    BREAKER_TABLE: options.breakerTable ?? defaultBreakerTable,
    ESBUILD_WORK_FOLDER: workFolderOf(ports),
    ...(options.watch ? {} : { ESBUILD_WATCH_PATTERN: '.esbuild/no-watch' }),
  };
};
