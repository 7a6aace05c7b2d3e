import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Options of {@link startOffline}. */
export interface OfflineOptions {
  /** The folder holding serverless.yml and node_modules. */
  projectDir: string;
  /** Where the API will answer, for example `http://127.0.0.1:3000`. */
  apiUrl: string;
  /** The whole environment of the child process. */
  env: NodeJS.ProcessEnv;
  /**
   * Print the child's output, or keep its last lines for errors.
   * @default 'buffer'
   */
  output?: 'inherit' | 'buffer';
  /** How long to wait for the API to answer. @default 60_000 */
  readyTimeoutInMillis?: number;
}

/** A running `serverless offline`. */
export interface OfflineProcess {
  /** Process id, also the id of its process group. */
  readonly pid: number;
  /** Stops the whole process group and waits until it is gone. */
  stop(): Promise<void>;
  /** The last lines it printed, when its output is buffered. */
  output(): string;
  /** A mark of how much it has printed so far, for {@link outputSince}. */
  outputMark(): number;
  /**
   * What it printed after `mark` (from {@link outputMark}), as far as the
   * kept tail reaches back.
   */
  outputSince(mark: number): string;
  /** Settles with the exit reason when the process ends, for any reason. */
  readonly exited: Promise<string>;
}

const maxTailInChars = 8_000;
const stopGraceInMillis = 5_000;
const pollIntervalInMillis = 100;

const killGroup = (pid: number, signal: NodeJS.Signals): void => {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone: nothing left to stop.
  }
};

interface CollectedOutput {
  tail(): string;
  mark(): number;
  since(mark: number): string;
}

// Keeps the last characters printed, and counts all of them, so a caller
// can ask for what came after a mark even once the tail has rolled on.
const collectOutput = (child: ChildProcess): CollectedOutput => {
  let tail = '';
  let written = 0;
  const append = (chunk: Buffer) => {
    const text = chunk.toString();
    written += text.length;
    tail = (tail + text).slice(-maxTailInChars);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return {
    tail: () => tail,
    mark: () => written,
    since: (mark) => tail.slice(Math.max(0, tail.length - (written - mark))),
  };
};

const answersAsOffline = async (apiUrl: string): Promise<boolean> => {
  try {
    const response = await fetch(`${apiUrl}/`, {
      signal: AbortSignal.timeout(2_000),
    });
    // Its router's 404 proves the API is serverless offline, not a stranger.
    return (await response.text()).includes('Serverless-offline');
  } catch {
    return false;
  }
};

const waitUntilReady = async (
  options: OfflineOptions,
  exit: Promise<string>,
): Promise<void> => {
  let exitReason: string | undefined;
  void exit.then((reason) => {
    exitReason = reason;
  });
  const deadline = Date.now() + (options.readyTimeoutInMillis ?? 60_000);
  while (Date.now() < deadline) {
    if (exitReason !== undefined) {
      throw new Error(`serverless offline exited early (${exitReason})`);
    }
    if (await answersAsOffline(options.apiUrl)) return;
    await sleep(pollIntervalInMillis);
  }
  throw new Error(`serverless offline did not answer on ${options.apiUrl}`);
};

const stopGroup = async (pid: number, exit: Promise<string>) => {
  killGroup(pid, 'SIGTERM');
  const stopped = await Promise.race([
    exit.then(() => true),
    sleep(stopGraceInMillis, false),
  ]);
  // Also reaches grandchildren (esbuild) that outlived their parent.
  killGroup(pid, 'SIGKILL');
  if (!stopped) await exit;
};

/**
 * Spawns `node_modules/.bin/serverless offline` in its own process group
 * (never through npx, whose death leaves the server behind) and resolves
 * once the API answers. The group is killed on stop, on failure to start,
 * and when this process exits.
 */
export const startOffline = async (
  options: OfflineOptions,
): Promise<OfflineProcess> => {
  const bin = join(options.projectDir, 'node_modules', '.bin', 'serverless');
  const inherit = options.output === 'inherit';
  const child = spawn(process.execPath, [bin, 'offline'], {
    cwd: options.projectDir,
    env: options.env,
    detached: true,
    stdio: [
      'ignore',
      inherit ? 'inherit' : 'pipe',
      inherit ? 'inherit' : 'pipe',
    ],
  });
  const pid = child.pid ?? 0;
  const exit = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`));
    child.once('error', (error) => resolve(error.message));
  });
  const output = collectOutput(child);
  const killOnExit = () => killGroup(pid, 'SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    await stopGroup(pid, exit);
  };

  try {
    await waitUntilReady(options, exit);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output.tail()}`.trimEnd());
  }
  return {
    pid,
    stop,
    output: output.tail,
    outputMark: output.mark,
    outputSince: output.since,
    exited: exit,
  };
};
