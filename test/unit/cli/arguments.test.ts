import { describe, expect, it } from 'vitest';
import {
  defaultTimeoutInMillis,
  parseArguments,
  wantsJson,
} from '../../../src/cli/arguments';
import { CliFailure, ExitCode } from '../../../src/cli/cliFailure';

const usageErrorOf = (argv: string[]): CliFailure => {
  try {
    parseArguments(argv);
  } catch (error) {
    if (error instanceof CliFailure) return error;
    throw error;
  }
  throw new Error(`parsed without error: ${argv.join(' ')}`);
};

describe('parseArguments', () => {
  it('reads list with the default options', () => {
    expect(parseArguments(['list'])).toEqual({
      command: 'list',
      json: false,
      table: undefined,
      endpoint: undefined,
      region: undefined,
      timeoutInMillis: defaultTimeoutInMillis,
    });
  });

  it.each(['show', 'open', 'close', 'reset'])(
    'reads %s with its breaker name',
    (command) => {
      expect(parseArguments([command, 'paymentService'])).toMatchObject({
        command,
        name: 'paymentService',
      });
    },
  );

  it('reads every global option, before or after the command', () => {
    const parsed = parseArguments([
      '--table',
      'prod-breakers',
      'show',
      'paymentService',
      '--region',
      'eu-west-1',
      '--endpoint',
      'https://dynamodb.eu-west-1.amazonaws.com',
      '--timeout',
      '5000',
      '--json',
    ]);

    expect(parsed).toEqual({
      command: 'show',
      name: 'paymentService',
      json: true,
      table: 'prod-breakers',
      endpoint: 'https://dynamodb.eu-west-1.amazonaws.com',
      region: 'eu-west-1',
      timeoutInMillis: 5000,
    });
  });

  it.each([[['--help']], [['-h']], [['list', '--help']]])(
    'asks for the usage text with %j',
    (argv) => {
      expect(parseArguments(argv)).toEqual({ command: 'help' });
    },
  );

  it.each([
    [[], /missing command/],
    [['lst'], /unknown command "lst"/],
    [['show'], /show needs a breaker name/],
    [['open', ''], /open needs a breaker name/],
    [['reset', 'a', 'b'], /reset takes one breaker name, got 2/],
    [['list', 'extra'], /list takes no breaker name/],
    [['list', '--tabel', 'x'], /Unknown option '--tabel'/],
    [['list', '--table'], /--table/],
    [['list', '--table', ' '], /--table must not be empty/],
    [['list', '--endpoint', 'localhost:8000'], /--endpoint must be an http/],
    [['list', '--region', 'Europe'], /--region must look like eu-west-1/],
    [['list', '--timeout', '0'], /--timeout must be a whole number/],
    [['list', '--timeout', '1.5'], /--timeout must be a whole number/],
  ])('rejects %j with a usage error', (argv, message) => {
    const failure = usageErrorOf(argv);

    expect(failure.exitCode).toBe(ExitCode.usage);
    expect(failure.code).toBe('USAGE');
    expect(failure.message).toMatch(message);
    expect(failure.message).not.toContain('\n');
  });
});

describe('wantsJson', () => {
  it('finds --json even on a command line that does not parse', () => {
    expect(wantsJson(['lst', '--json'])).toBe(true);
    expect(wantsJson(['lst'])).toBe(false);
  });
});
