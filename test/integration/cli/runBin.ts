import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The CLI's launcher, as `npm run breaker` and the package's bin run it. */
export const binPath = fileURLToPath(
  new URL('../../../bin/breaker.mjs', import.meta.url),
);

/** What a finished CLI process printed, and its exit code. */
export interface BinResult {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real bin in a child process with this Node. The kill timeout
 * only stops a CLI that hangs, so the test fails instead of waiting.
 */
export const runBin = (
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<BinResult> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      [binPath, ...args],
      { cwd: options.cwd, env: options.env, timeout: 20_000 },
      (error, stdout, stderr) => {
        const exitCode = error === null ? 0 : (error.code as number | null);
        resolve({ exitCode: exitCode ?? null, stdout, stderr });
      },
    );
  });
