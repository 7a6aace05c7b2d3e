import { mkdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
// Under node_modules, so the bundle's package imports resolve from there.
const outDir = `${root}node_modules/.cache/bench`;

/**
 * Imports `entry` (a path relative to the project root) as the deployed
 * function runs it: bundled and minified by esbuild with the settings of
 * serverless.yml, so without the `__name` wrappers that tsx adds to keep
 * function names (those cost about 0.2 µs per function created per call).
 * Packages stay external: they are plain JavaScript already.
 */
export const importBundled = async <T>(entry: string): Promise<T> => {
  await mkdir(outDir, { recursive: true });
  const outfile = `${outDir}/${entry.replaceAll('/', '_')}.mjs`;
  await build({
    entryPoints: [`${root}${entry}`],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    minify: true,
    packages: 'external',
    logLevel: 'error',
  });
  return (await import(pathToFileURL(outfile).href)) as T;
};
