import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../src/errors';
import { environment, sharedClock } from './fleet';

const listen = (server: Server): Promise<number> =>
  new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve((server.address() as { port: number }).port);
    });
  });

const close = (server: Server): Promise<void> =>
  new Promise((resolve) => server.close(() => resolve()));

/** A port nothing listens on: bound once, then released. */
const closedPort = async (): Promise<number> => {
  const server = createServer();
  const port = await listen(server);
  await close(server);
  return port;
};

// Accepts connections and never answers, like a DynamoDB endpoint that hangs.
const sockets: Socket[] = [];
const blackHole = createServer((socket) => {
  sockets.push(socket);
});
let blackHoleEndpoint = '';

beforeAll(async () => {
  blackHoleEndpoint = `http://127.0.0.1:${await listen(blackHole)}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await close(blackHole);
});

const outageCases = [
  ['unreachable', async () => `http://127.0.0.1:${await closedPort()}`],
  ['slow', async () => blackHoleEndpoint],
] as const;

const storeTimeoutInMillis = 100;
// One read and its one retry, each cut at the store timeout; the margin is
// loose on purpose (a slow CI machine), but far below a hang.
const policyAppliesWithinInMillis = storeTimeoutInMillis * (1 + 1) + 400;

const timed = async <T>(work: () => Promise<T>) => {
  const startedAt = performance.now();
  const result = await work();
  return { result, elapsedInMillis: performance.now() - startedAt };
};

// The black hole never answers: these calls finish only because every store
// request has its own timeout.
describe.each(outageCases)('a breaker whose store is %s', (_, endpointOf) => {
  const storeDown = async (storeFailurePolicy: 'failOpen' | 'failClosed') => {
    const clock = sharedClock();
    return environment('breakers', 'env-0', clock, {
      endpoint: await endpointOf(),
      storeTimeoutInMillis,
      storeFailurePolicy,
    });
  };

  it('lets the call through within the store timeout when failing open', async () => {
    const env = await storeDown('failOpen');

    const { result, elapsedInMillis } = await timed(() => env.succeed());

    expect(result).toBe('ok');
    expect(env.counts).toContain('storeErrors');
    expect(elapsedInMillis).toBeLessThan(policyAppliesWithinInMillis);
  });

  it('refuses the call within the store timeout when failing closed', async () => {
    const env = await storeDown('failClosed');

    const { result, elapsedInMillis } = await timed(() =>
      env.succeed().catch((error: unknown) => error),
    );

    expect(result).toBeInstanceOf(StoreUnavailableError);
    expect(env.calls()).toBe(0);
    expect(elapsedInMillis).toBeLessThan(policyAppliesWithinInMillis);
  });
});
