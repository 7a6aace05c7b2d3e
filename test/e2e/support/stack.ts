import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import {
  type Stack,
  type StackOptions,
  startStack,
} from '../../../local/stack';
import { type SimulatorControl, simulatorControl } from './simulatorControl';

/** A local stack for one test file, with helpers to talk to it. */
export interface E2eStack {
  /** The running stack; available inside tests and hooks. */
  readonly stack: Stack;
  /** The folder holding dynalite's data for this file. */
  readonly dataDir: string;
  /** Requests `path` from the API, percent-escapes kept as written. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** The simulator's fault control and stats. */
  readonly simulator: SimulatorControl;
  /**
   * The first line serverless offline printed after `mark` (from
   * `stack.apiOutputMark()`) that matches `pattern`, waiting for it: a
   * worker's output reaches the test after the response does.
   * @throws when no such line arrives within `timeoutInMillis`.
   */
  outputLine(
    mark: number,
    pattern: RegExp,
    timeoutInMillis?: number,
  ): Promise<string>;
}

const outputPollInMillis = 50;

/**
 * Starts one local stack for the calling test file (beforeAll) on free
 * ports, with dynalite on disk in a temporary folder so restarts keep data,
 * and stops it (afterAll) even when tests or the start itself fail.
 */
export const useStack = (options: StackOptions = {}): E2eStack => {
  let starting: Promise<Stack> | undefined;
  let current: Stack | undefined;
  let dataDir = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'e2e-dynamodb-'));
    const startOnFreePorts = () =>
      startStack({
        apiPort: 0,
        lambdaPort: 0,
        dynamoDbPort: 0,
        simulatorPort: 0,
        dynamoDbPath: dataDir,
        ...options,
      });
    // A port found free can be taken by another process before the stack
    // binds it; a failed start stops what it started, so one more try on
    // new ports is safe.
    starting = startOnFreePorts().catch(startOnFreePorts);
    current = await starting;
  });

  afterAll(async () => {
    // A start still running when its hook timed out is awaited, then stopped.
    const stack = await starting?.catch(() => undefined);
    await stack?.stop();
    if (dataDir !== '') await rm(dataDir, { recursive: true, force: true });
  });

  const stack = (): Stack => {
    if (current === undefined) throw new Error('the stack is not running');
    return current;
  };
  return {
    get stack() {
      return stack();
    },
    get dataDir() {
      return dataDir;
    },
    api: (path, init) => fetch(`${stack().apiUrl}${path}`, init),
    simulator: simulatorControl(() => stack().simulatorUrl),
    outputLine: async (mark, pattern, timeoutInMillis = 3_000) => {
      const giveUpAt = Date.now() + timeoutInMillis;
      for (;;) {
        const lines = stack().apiOutputSince(mark).split('\n');
        const line = lines.find((candidate) => pattern.test(candidate));
        if (line !== undefined) return line;
        if (Date.now() > giveUpAt) {
          throw new Error(`no output line matched ${pattern}`);
        }
        await new Promise((resolve) => setTimeout(resolve, outputPollInMillis));
      }
    },
  };
};
