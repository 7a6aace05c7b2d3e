import { describe, expect, it } from 'vitest';
import type { BreakerStore } from '../../../src/breaker/store/breakerStore';
import { MemoryBreakerStore } from '../../../src/breaker/store/memoryBreakerStore';
import { runBreakerCli } from '../../../src/cli/breakerCli';
import { ExitCode } from '../../../src/cli/cliFailure';
import type { StoreTarget } from '../../../src/cli/target';
import { StoreUnavailableError } from '../../../src/errors';

const nowInMillis = Date.UTC(2026, 11, 3, 19, 0, 0);

/** Runs the CLI against `store`, keeping what it prints. */
const cli = (store: BreakerStore = new MemoryBreakerStore(), env = {}) => {
  const printed = { stdout: '', stderr: '', closed: 0 };
  const targets: StoreTarget[] = [];
  const run = (...argv: string[]) =>
    runBreakerCli(argv, {
      env,
      now: () => nowInMillis,
      stdout: (text) => {
        printed.stdout += text;
      },
      stderr: (text) => {
        printed.stderr += text;
      },
      openStore: (target) => {
        targets.push(target);
        return {
          store,
          close: () => {
            printed.closed += 1;
          },
        };
      },
    });
  return { run, printed, targets };
};

const unreachableStore = (): BreakerStore => {
  const fail = async (): Promise<never> => {
    throw new StoreUnavailableError('breaker store request failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED'), {
        code: 'ECONNREFUSED',
      }),
    });
  };
  return { get: fail, addCounts: fail, transition: fail, list: fail };
};

describe('runBreakerCli', () => {
  it('prints the usage on stdout for --help and opens no store', async () => {
    const { run, printed, targets } = cli();

    expect(await run('--help')).toBe(ExitCode.ok);
    expect(printed.stdout).toContain('Usage: npm run breaker -- <command>');
    expect(targets).toEqual([]);
  });

  it('answers a wrong command line with exit code 2 and one stderr line', async () => {
    const { run, printed } = cli();

    expect(await run('opn', 'paymentService')).toBe(ExitCode.usage);
    expect(printed.stdout).toBe('');
    expect(printed.stderr).toMatch(/^breaker: unknown command "opn".*\n$/);
    expect(printed.stderr.trimEnd()).not.toContain('\n');
  });

  it('prints a usage error as JSON on stderr with --json', async () => {
    const { run, printed } = cli();

    await run('show', '--json');

    expect(JSON.parse(printed.stderr)).toEqual({
      error: {
        code: 'USAGE',
        message: 'show needs a breaker name: show <name>',
        hint: expect.any(String),
        exitCode: 2,
      },
    });
  });

  it('says so when the table holds no breaker', async () => {
    const { run, printed } = cli(new MemoryBreakerStore(), {
      BREAKER_TABLE: 'breakers',
    });

    expect(await run('list')).toBe(ExitCode.ok);
    expect(printed.stdout).toContain(
      'no breakers in table breakers at http://127.0.0.1:8000',
    );
  });

  it('forces a breaker open, lists it, and resets it to normal', async () => {
    const { run, printed } = cli();

    expect(await run('open', 'paymentService')).toBe(ExitCode.ok);
    expect(printed.stdout).toContain(
      'paymentService: no record -> FORCED_OPEN (version 1)',
    );
    await run('list');
    expect(printed.stdout).toMatch(/paymentService {2}FORCED_OPEN {2}0 /);

    expect(await run('reset', 'paymentService')).toBe(ExitCode.ok);
    expect(printed.stdout).toContain(
      'paymentService: FORCED_OPEN -> CLOSED (version 2)',
    );
  });

  it('prints what close wrote as JSON, with the state before', async () => {
    const { run, printed } = cli(new MemoryBreakerStore(), {
      BREAKER_TABLE: 'breakers',
    });
    await run('open', 'paymentService');
    printed.stdout = '';

    await run('close', 'paymentService', '--json');

    expect(JSON.parse(printed.stdout)).toMatchObject({
      table: 'breakers',
      breaker: { name: 'paymentService', state: 'FORCED_CLOSED', version: 2 },
      previousState: 'FORCED_OPEN',
    });
  });

  it('lists breakers as JSON sorted by name', async () => {
    const { run, printed } = cli();
    await run('open', 'zeta');
    await run('close', 'alpha');
    printed.stdout = '';

    await run('list', '--json');

    const { breakers } = JSON.parse(printed.stdout);
    expect(breakers.map((b: { name: string }) => b.name)).toEqual([
      'alpha',
      'zeta',
    ]);
  });

  it('shows one breaker in full', async () => {
    const { run, printed } = cli();
    await run('open', 'paymentService');
    printed.stdout = '';

    expect(await run('show', 'paymentService')).toBe(ExitCode.ok);
    expect(printed.stdout).toContain('state                 FORCED_OPEN');
    expect(printed.stdout).toContain('changed by            operator');
  });

  it('answers exit code 3 for a breaker that has no record', async () => {
    const { run, printed } = cli(new MemoryBreakerStore(), {
      BREAKER_TABLE: 'breakers',
    });

    expect(await run('show', 'ledger')).toBe(ExitCode.unknownBreaker);
    expect(printed.stderr).toMatch(
      /^breaker: no breaker named ledger in table breakers at http:\/\/127\.0\.0\.1:8000;/,
    );
  });

  it('answers exit code 5 with a JSON error when the store is unreachable', async () => {
    const { run, printed } = cli(unreachableStore());

    expect(await run('list', '--json')).toBe(ExitCode.storeUnreachable);
    expect(printed.stdout).toBe('');
    expect(JSON.parse(printed.stderr).error).toMatchObject({
      code: 'STORE_UNREACHABLE',
      exitCode: 5,
    });
    expect(printed.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('closes the store after every command, failed ones too', async () => {
    const { run, printed } = cli(unreachableStore());

    await run('open', 'paymentService');
    await run('list');

    expect(printed.closed).toBe(2);
  });

  it('opens the store at the target the options name', async () => {
    const { run, targets } = cli();

    await run('list', '--table', 'prod-breakers', '--region', 'eu-west-1');

    expect(targets).toEqual([
      {
        tableName: 'prod-breakers',
        endpoint: undefined,
        region: 'eu-west-1',
        local: false,
      },
    ]);
  });
});
