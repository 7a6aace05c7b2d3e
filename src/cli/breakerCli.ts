import type { BreakerStore } from '../breaker/store/breakerStore';
import { DynamoDbBreakerStore } from '../breaker/store/dynamoDbBreakerStore';
import { type Clock, systemClock } from '../clock';
import { parseArguments, wantsJson } from './arguments';
import { type CliFailure, ExitCode } from './cliFailure';
import { executeCommand } from './commands';
import { renderFailure, renderOutcome } from './render';
import { failureFrom } from './storeFailure';
import { clientFor, resolveTarget, type StoreTarget } from './target';
import { usageText } from './usage';

/** A store opened for one command, and how to let go of it. */
export interface StoreSession {
  readonly store: BreakerStore;
  /** Frees connections so the process can exit. */
  close(): void;
}

/** What the CLI talks to; replaced in tests. */
export interface CliEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** @default Date.now */
  readonly now?: Clock;
  /** @default a DynamoDbBreakerStore for the target */
  readonly openStore?: (
    target: StoreTarget,
    timeoutInMillis: number,
  ) => StoreSession;
}

/**
 * A DynamoDB store for the target. Each request is cut off after
 * `timeoutInMillis` and repeated once, so a dead or hanging endpoint ends
 * the command within about twice that.
 */
export const openDynamoDbStore = (
  target: StoreTarget,
  timeoutInMillis: number,
): StoreSession => {
  const { client, documentClient } = clientFor(target);
  const store = new DynamoDbBreakerStore({
    tableName: target.tableName,
    client: documentClient,
    timeoutInMillis,
    maxRetries: 1,
  });
  return { store, close: () => client.destroy() };
};

const fail = (
  io: CliEnvironment,
  failure: CliFailure,
  json: boolean,
): ExitCode => {
  io.stderr(renderFailure(failure, json));
  return failure.exitCode;
};

/**
 * Runs the breaker CLI: parses `argv` (the arguments after the script),
 * runs the command and prints its result on stdout or one error line on
 * stderr.
 * @returns the process's exit code (see {@link ExitCode}).
 */
export const runBreakerCli = async (
  argv: readonly string[],
  io: CliEnvironment,
): Promise<ExitCode> => {
  let args: ReturnType<typeof parseArguments>;
  try {
    args = parseArguments(argv);
  } catch (error) {
    return fail(io, error as CliFailure, wantsJson(argv));
  }
  if (args.command === 'help') {
    io.stdout(usageText);
    return ExitCode.ok;
  }

  const target = resolveTarget(args, io.env);
  const open = io.openStore ?? openDynamoDbStore;
  const session = open(target, args.timeoutInMillis);
  try {
    const outcome = await executeCommand(args, session.store, target);
    const now = io.now ?? systemClock;
    io.stdout(renderOutcome(outcome, { json: args.json, now, target }));
    return ExitCode.ok;
  } catch (error) {
    return fail(io, failureFrom(error, target), args.json);
  } finally {
    session.close();
  }
};

/** Runs the CLI on this process's arguments and streams. */
export const main = (argv: readonly string[]): Promise<ExitCode> =>
  runBreakerCli(argv, {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
