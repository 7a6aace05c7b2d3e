import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../local/ports';
import { forceBreaker } from '../../../src/breaker/operator';
import { BreakerState } from '../../../src/breaker/state';
import type { DynamoDbBreakerStore } from '../../../src/breaker/store/dynamoDbBreakerStore';
import { ExitCode } from '../../../src/cli/cliFailure';
import { localEndpoint } from '../../support/dynamodb';
import { cliTable } from './cliTable';
import { runBin } from './runBin';

let tableName: string;
let store: DynamoDbBreakerStore;

beforeAll(async () => {
  ({ tableName, store } = await cliTable());
});

const stateOf = async (name: string) =>
  (await store.get(name, { consistentRead: true }))?.state;

describe('breaker CLI as a child process', () => {
  let cwd: string;

  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'breaker-cli-'));
  });
  afterAll(() => rm(cwd, { recursive: true, force: true }));

  it('runs from any folder and forces the state in the table', async () => {
    const result = await runBin(
      [
        'open',
        'fromChild',
        '--endpoint',
        localEndpoint(),
        '--table',
        tableName,
      ],
      { cwd },
    );

    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(result.stdout).toContain('fromChild: no record -> FORCED_OPEN');
    expect(await stateOf('fromChild')).toBe('FORCED_OPEN');
  });

  it('prints nothing but JSON on stdout with --json, for scripts', async () => {
    const result = await runBin(
      [
        'close',
        'forScripts',
        '--json',
        '--endpoint',
        localEndpoint(),
        '--table',
        tableName,
      ],
      // The library logs at INFO by default; none of it may reach stdout.
      { env: { ...process.env, LOG_LEVEL: 'INFO' } },
    );

    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      breaker: { name: 'forScripts', state: 'FORCED_CLOSED' },
      previousState: null,
    });
  });

  it('takes the endpoint and table from the environment', async () => {
    await forceBreaker(store, 'fromEnv', BreakerState.forcedClosed);

    const result = await runBin(['show', 'fromEnv', '--json'], {
      cwd,
      env: {
        ...process.env,
        DYNAMODB_ENDPOINT: localEndpoint(),
        BREAKER_TABLE: tableName,
      },
    });

    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).breaker.state).toBe('FORCED_CLOSED');
  });

  it('answers exit code 4 naming a table that does not exist', async () => {
    const endpoint = localEndpoint();
    const result = await runBin([
      'list',
      '--json',
      '--endpoint',
      endpoint,
      '--table',
      'no-such-table',
    ]);

    expect(result.exitCode).toBe(ExitCode.missingTable);
    expect(result.stdout).toBe('');
    expect(JSON.parse(result.stderr).error).toMatchObject({
      code: 'TABLE_NOT_FOUND',
      message: `table no-such-table does not exist at ${endpoint}`,
    });
  });

  it('answers exit code 5 with a hint when nothing listens at the endpoint', async () => {
    const port = await freePort();

    const result = await runBin([
      'list',
      '--endpoint',
      `http://127.0.0.1:${port}`,
    ]);

    expect(result.exitCode).toBe(ExitCode.storeUnreachable);
    expect(result.stderr).toMatch(
      /^breaker: cannot reach DynamoDB at http:\/\/127\.0\.0\.1:\d+ \(.*ECONNREFUSED.*\); start the local stack with `npm start`/,
    );
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('answers exit code 5 with no credentials for AWS, before any request', async () => {
    const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_PROFILE, ...env } =
      process.env;
    const result = await runBin(['list', '--region', 'eu-west-1', '--json'], {
      cwd,
      env: {
        ...env,
        HOME: cwd,
        AWS_CONFIG_FILE: join(cwd, 'none'),
        AWS_SHARED_CREDENTIALS_FILE: join(cwd, 'none'),
        // No instance-metadata probe: the test stays on this machine.
        AWS_EC2_METADATA_DISABLED: 'true',
      },
    });

    expect(result.exitCode).toBe(ExitCode.storeUnreachable);
    expect(JSON.parse(result.stderr).error).toMatchObject({
      code: 'NO_CREDENTIALS',
      message: 'no AWS credentials found for AWS region eu-west-1',
    });
  });
});

describe('breaker CLI against an endpoint that never answers', () => {
  let server: Server;
  let endpoint: string;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', resolve),
    );
    const { port } = server.address() as { port: number };
    endpoint = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('gives up after its request timeout with exit code 5', async () => {
    const result = await runBin([
      'show',
      'paymentService',
      '--endpoint',
      endpoint,
      '--timeout',
      '200',
    ]);

    expect(result.exitCode).toBe(ExitCode.storeUnreachable);
    expect(result.stderr).toContain(
      `cannot reach DynamoDB at ${endpoint} (breaker store request timed out)`,
    );
  });
});
