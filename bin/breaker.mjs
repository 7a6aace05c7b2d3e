#!/usr/bin/env node
// Runs the breaker CLI's TypeScript through tsx, from any working folder:
// both the CLI and the tsconfig are found relative to this file.
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const cli = new URL('../src/cli/breakerCli.ts', import.meta.url);
const tsconfig = fileURLToPath(new URL('../tsconfig.json', import.meta.url));
const { main } = await tsImport(cli.href, {
  parentURL: import.meta.url,
  tsconfig,
});
process.exitCode = await main(process.argv.slice(2));
