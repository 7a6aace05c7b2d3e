/**
 * The exit codes of the breaker CLI. Scripts match on them, so the values
 * never change.
 */
export const ExitCode = {
  ok: 0,
  /** Anything not listed below, such as a request DynamoDB rejected. */
  failure: 1,
  /** The command line is wrong: unknown command, option or value. */
  usage: 2,
  /** `show` names a breaker that has no record in the table. */
  unknownBreaker: 3,
  /** The table does not exist at the endpoint or in the region. */
  missingTable: 4,
  /** DynamoDB cannot be reached in time, or no credentials were found. */
  storeUnreachable: 5,
  /** The credentials are valid but not allowed to use the table. */
  accessDenied: 6,
} as const;

/** One of the {@link ExitCode} values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Stable codes of the CLI's errors, as printed with `--json`. */
export const FailureCode = {
  usage: 'USAGE',
  unknownBreaker: 'UNKNOWN_BREAKER',
  missingTable: 'TABLE_NOT_FOUND',
  storeUnreachable: 'STORE_UNREACHABLE',
  noCredentials: 'NO_CREDENTIALS',
  accessDenied: 'ACCESS_DENIED',
  failed: 'FAILED',
} as const;

/** One of the {@link FailureCode} values. */
export type FailureCode = (typeof FailureCode)[keyof typeof FailureCode];

/**
 * Why a CLI command failed: a one-line message for the operator, a hint on
 * what to do about it, and the process's exit code.
 */
export class CliFailure extends Error {
  constructor(
    readonly code: FailureCode,
    readonly exitCode: ExitCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}

/** A command line the CLI cannot run: exit code 2. */
export const usageFailure = (message: string): CliFailure =>
  new CliFailure(
    FailureCode.usage,
    ExitCode.usage,
    message,
    'run `npm run breaker -- --help` for usage',
  );
