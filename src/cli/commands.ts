import { forceBreaker, type OperatorState } from '../breaker/operator';
import { type BreakerRecord, BreakerState } from '../breaker/state';
import type { BreakerStore } from '../breaker/store/breakerStore';
import type { ResilienceLogger } from '../logger';
import { type CliArguments, Command, type ForceCommand } from './arguments';
import { CliFailure, ExitCode, FailureCode } from './cliFailure';
import { describeTarget, type StoreTarget } from './target';

/** What a command found or did, before it is printed. */
export type CommandOutcome =
  | { readonly command: typeof Command.list; readonly records: BreakerRecord[] }
  | { readonly command: typeof Command.show; readonly record: BreakerRecord }
  | {
      readonly command: ForceCommand;
      readonly record: BreakerRecord;
      /** The state before the command; undefined when it had no record. */
      readonly previousState: BreakerState | undefined;
    };

/** The state each state-changing command writes. */
export const stateOf: Readonly<Record<ForceCommand, OperatorState>> = {
  open: BreakerState.forcedOpen,
  close: BreakerState.forcedClosed,
  reset: BreakerState.closed,
};

// The CLI prints the change itself; the library's JSON log line on stdout
// would break `--json` output for scripts.
const quietLogger: ResilienceLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

const byName = (a: BreakerRecord, b: BreakerRecord): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

const show = async (
  store: BreakerStore,
  name: string,
  target: StoreTarget,
): Promise<BreakerRecord> => {
  const record = await store.get(name, { consistentRead: true });
  if (record !== undefined) return record;
  throw new CliFailure(
    FailureCode.unknownBreaker,
    ExitCode.unknownBreaker,
    `no breaker named ${name} in table ${target.tableName} at ` +
      describeTarget(target),
    'a breaker gets a record at its first failure; `list` shows the others',
  );
};

/**
 * Runs one command against the store. `open`, `close` and `reset` work on a
 * breaker that has no record yet (a breaker that never failed has none), so
 * an operator can open a circuit before the first failure.
 * @throws whatever the store throws, for {@link failureFrom} to explain.
 */
export const executeCommand = async (
  args: CliArguments,
  store: BreakerStore,
  target: StoreTarget,
): Promise<CommandOutcome> => {
  if (args.command === Command.list) {
    const records = await store.list();
    return { command: args.command, records: records.sort(byName) };
  }
  if (args.command === Command.show) {
    const record = await show(store, args.name, target);
    return { command: args.command, record };
  }
  const before = await store.get(args.name, { consistentRead: true });
  const record = await forceBreaker(store, args.name, stateOf[args.command], {
    logger: quietLogger,
  });
  return { command: args.command, record, previousState: before?.state };
};
