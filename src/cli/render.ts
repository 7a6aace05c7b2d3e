import { BreakerState } from '../breaker/state';
import type { Clock } from '../clock';
import type { CliFailure } from './cliFailure';
import type { CommandOutcome } from './commands';
import { breakerDetail, breakerTable } from './format';
import { describeTarget, type StoreTarget } from './target';

/** How to print: JSON for scripts or text for people. */
export interface RenderOptions {
  readonly json: boolean;
  readonly now: Clock;
  readonly target: StoreTarget;
}

const afterForcing: Readonly<Record<string, string>> = {
  [BreakerState.forcedOpen]:
    'every call is refused until `reset`; ' +
    'environments follow within their cache TTL (BREAKER_CACHE_TTL_MS)',
  [BreakerState.forcedClosed]:
    'every call is permitted and nothing is counted until `reset`',
  [BreakerState.closed]: 'normal operation: counters cleared',
};

const forcedText = (
  outcome: Extract<CommandOutcome, { previousState: unknown }>,
): string => {
  const { record, previousState } = outcome;
  const before = previousState ?? 'no record';
  const after = afterForcing[record.state] ?? '';
  const change = `${before} -> ${record.state} (version ${record.version})`;
  return `${record.name}: ${change}; ${after}`;
};

const asText = (outcome: CommandOutcome, options: RenderOptions): string => {
  const { target, now } = options;
  switch (outcome.command) {
    case 'list':
      return outcome.records.length === 0
        ? `no breakers in table ${target.tableName} at ${describeTarget(target)}` +
            ' (a breaker gets a record at its first failure)'
        : breakerTable(outcome.records, now);
    case 'show':
      return breakerDetail(outcome.record, now);
    default:
      return forcedText(outcome);
  }
};

const asJson = (outcome: CommandOutcome, target: StoreTarget): unknown => {
  const table = target.tableName;
  switch (outcome.command) {
    case 'list':
      return { table, breakers: outcome.records };
    case 'show':
      return { table, breaker: outcome.record };
    default:
      return {
        table,
        breaker: outcome.record,
        previousState: outcome.previousState ?? null,
      };
  }
};

/** What a command prints on stdout, ending with a newline. */
export const renderOutcome = (
  outcome: CommandOutcome,
  options: RenderOptions,
): string =>
  options.json
    ? `${JSON.stringify(asJson(outcome, options.target), null, 2)}\n`
    : `${asText(outcome, options)}\n`;

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ');

/**
 * What a failure prints on stderr: one line, never a stack trace; with
 * `--json`, one line of `{"error":{code,message,hint,exitCode}}`.
 */
export const renderFailure = (failure: CliFailure, json: boolean): string => {
  if (json) {
    const { code, message, hint, exitCode } = failure;
    const error = { code, message: oneLine(message), hint, exitCode };
    return `${JSON.stringify({ error })}\n`;
  }
  const hint = failure.hint === undefined ? '' : `; ${failure.hint}`;
  return `breaker: ${oneLine(failure.message)}${hint}\n`;
};
