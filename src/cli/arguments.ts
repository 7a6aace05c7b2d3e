import { parseArgs } from 'node:util';
import { usageFailure } from './cliFailure';

/** The CLI's commands. */
export const Command = {
  list: 'list',
  show: 'show',
  open: 'open',
  close: 'close',
  reset: 'reset',
} as const;

/** One of the {@link Command} values. */
export type Command = (typeof Command)[keyof typeof Command];

/** Commands that change a breaker's state. */
export type ForceCommand =
  | typeof Command.open
  | typeof Command.close
  | typeof Command.reset;

/** Timeout of each DynamoDB request when `--timeout` is not given. */
export const defaultTimeoutInMillis = 2_000;

/**
 * What the operator asked for, checked, before any default is taken from
 * the environment.
 */
export type CliArguments = CliOptions &
  (
    | { readonly command: typeof Command.list }
    | { readonly command: Exclude<Command, 'list'>; readonly name: string }
  );

/** The options every command takes. */
export interface CliOptions {
  /** Print JSON for scripts. @default false */
  readonly json: boolean;
  /** The breaker table. @default BREAKER_TABLE, else the local stack's */
  readonly table: string | undefined;
  /**
   * A DynamoDB endpoint.
   * @default DYNAMODB_ENDPOINT, else the local dynalite; none with a region
   */
  readonly endpoint: string | undefined;
  /** An AWS region: talk to AWS. @default none (the local stack) */
  readonly region: string | undefined;
  /** Timeout of each DynamoDB request. @default 2000 */
  readonly timeoutInMillis: number;
}

/** The result of parsing: a command to run, or a request for the usage text. */
export type ParsedArguments = CliArguments | { readonly command: 'help' };

const optionSpec = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  table: { type: 'string' },
  endpoint: { type: 'string' },
  region: { type: 'string' },
  timeout: { type: 'string' },
} as const;

const isCommand = (value: string): value is Command =>
  Object.values(Command).includes(value as Command);

const parseTimeout = (raw: string | undefined): number => {
  if (raw === undefined) return defaultTimeoutInMillis;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1) {
    throw usageFailure(
      `--timeout must be a whole number of milliseconds >= 1, got "${raw}"`,
    );
  }
  return value;
};

const protocolOf = (raw: string): string => {
  try {
    return new URL(raw).protocol;
  } catch {
    return '';
  }
};

const checkEndpoint = (raw: string | undefined): string | undefined => {
  if (raw === undefined) return undefined;
  if (!/^https?:$/.test(protocolOf(raw))) {
    throw usageFailure(`--endpoint must be an http(s) URL, got "${raw}"`);
  }
  return raw;
};

const checkRegion = (raw: string | undefined): string | undefined => {
  if (raw !== undefined && !/^[a-z]{2,}(-[a-z0-9]+)+$/.test(raw)) {
    throw usageFailure(`--region must look like eu-west-1, got "${raw}"`);
  }
  return raw;
};

const checkTable = (raw: string | undefined): string | undefined => {
  if (raw !== undefined && raw.trim() === '') {
    throw usageFailure('--table must not be empty');
  }
  return raw;
};

const readCommand = (positionals: readonly string[]) => {
  const [command, name, ...extra] = positionals;
  if (command === undefined) {
    throw usageFailure('missing command: list, show, open, close or reset');
  }
  if (!isCommand(command)) {
    throw usageFailure(
      `unknown command "${command}": expected list, show, open, close or reset`,
    );
  }
  if (command === Command.list) {
    if (name !== undefined) throw usageFailure('list takes no breaker name');
    return { command };
  }
  if (name === undefined || name.trim() === '') {
    throw usageFailure(`${command} needs a breaker name: ${command} <name>`);
  }
  if (extra.length > 0) {
    throw usageFailure(
      `${command} takes one breaker name, got ${extra.length + 1}`,
    );
  }
  return { command, name };
};

const parseOrExplain = (argv: readonly string[]) => {
  try {
    return parseArgs({
      args: [...argv],
      options: optionSpec,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // parseArgs explains the mistake ("Unknown option '--tabel'...").
    throw usageFailure((error as Error).message.split('\n')[0] ?? 'bad usage');
  }
};

/**
 * Parses the command line (without `node` and the script), checking every
 * value. Environment defaults are applied later, by the target.
 * @throws {CliFailure} with exit code 2 when the command line is wrong.
 */
export const parseArguments = (argv: readonly string[]): ParsedArguments => {
  const { values, positionals } = parseOrExplain(argv);
  if (values.help) return { command: 'help' };

  const options: CliOptions = {
    json: values.json ?? false,
    table: checkTable(values.table),
    endpoint: checkEndpoint(values.endpoint),
    region: checkRegion(values.region),
    timeoutInMillis: parseTimeout(values.timeout),
  };
  return { ...options, ...readCommand(positionals) } as CliArguments;
};

/** Whether the operator asked for JSON, read even from a wrong command line. */
export const wantsJson = (argv: readonly string[]): boolean =>
  argv.includes('--json');
