import { beforeAll, describe, expect, it } from 'vitest';
import { forceBreaker } from '../../../src/breaker/operator';
import { BreakerState } from '../../../src/breaker/state';
import { DynamoDbBreakerStore } from '../../../src/breaker/store/dynamoDbBreakerStore';
import { runBreakerCli } from '../../../src/cli/breakerCli';
import { ExitCode } from '../../../src/cli/cliFailure';
import {
  freshTable,
  localDocumentClient,
  localEndpoint,
} from '../../support/dynamodb';
import { cliTable } from './cliTable';

let tableName: string;
let store: DynamoDbBreakerStore;

beforeAll(async () => {
  ({ tableName, store } = await cliTable());
});

/** Runs the CLI in this process against the test dynalite and table. */
const cli = async (...args: string[]) => {
  const printed = { stdout: '', stderr: '' };
  const exitCode = await runBreakerCli(
    ['--endpoint', localEndpoint(), '--table', tableName, ...args],
    {
      env: {},
      stdout: (text) => {
        printed.stdout += text;
      },
      stderr: (text) => {
        printed.stderr += text;
      },
    },
  );
  return { exitCode, ...printed };
};

const stateOf = async (name: string) =>
  (await store.get(name, { consistentRead: true }))?.state;

describe('breaker CLI on dynalite', () => {
  it('opens, closes and resets a breaker, and lists it each time', async () => {
    expect((await cli('open', 'paymentService')).exitCode).toBe(ExitCode.ok);
    expect(await stateOf('paymentService')).toBe('FORCED_OPEN');
    expect((await cli('list')).stdout).toMatch(/paymentService +FORCED_OPEN/);

    expect((await cli('close', 'paymentService')).exitCode).toBe(ExitCode.ok);
    expect(await stateOf('paymentService')).toBe('FORCED_CLOSED');

    expect((await cli('reset', 'paymentService')).exitCode).toBe(ExitCode.ok);
    expect(await stateOf('paymentService')).toBe('CLOSED');
    const shown = await cli('show', 'paymentService', '--json');
    expect(JSON.parse(shown.stdout).breaker).toMatchObject({
      state: 'CLOSED',
      consecutiveFailures: 0,
      changedBy: 'operator',
    });
  });

  it('lists the failures counted by the fleet, sorted by name', async () => {
    const listTable = await freshTable('cli-list');
    const listStore = new DynamoDbBreakerStore({
      tableName: listTable,
      client: localDocumentClient(),
      timeoutInMillis: 5_000,
    });
    await forceBreaker(listStore, 'zeta', BreakerState.forcedOpen);
    await listStore.addCounts({
      name: 'ledger',
      failures: 3,
      resetConsecutiveFailures: false,
      buckets: [],
      staleBucketIndexes: [],
      expiresAt: undefined,
    });

    const { stdout } = await cli('list', '--json', '--table', listTable);

    const breakers = JSON.parse(stdout).breakers;
    expect(breakers).toMatchObject([
      { name: 'ledger', state: 'CLOSED', consecutiveFailures: 3 },
      { name: 'zeta', state: 'FORCED_OPEN' },
    ]);
    expect(breakers).toHaveLength(2);
  });

  it('answers exit code 3 for a breaker with no record, and writes nothing', async () => {
    const { exitCode, stderr } = await cli('show', 'nobody');

    expect(exitCode).toBe(ExitCode.unknownBreaker);
    expect(stderr).toContain(`no breaker named nobody in table ${tableName}`);
    expect(await stateOf('nobody')).toBeUndefined();
  });
});
