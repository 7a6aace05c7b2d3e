import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * esbuild plugins for serverless-esbuild (`custom.esbuild.plugins`).
 *
 * The bundles are ESM in `.js` files. serverless-esbuild leaves the root
 * package.json out of the zip, so Lambda would load the handler as CommonJS;
 * a package.json next to each bundle says "module". Handlers must therefore
 * live in a folder (they do: `functions/`), not at the project root.
 * @type {import('esbuild').Plugin}
 */
const markBundleAsModule = {
  name: 'mark-bundle-as-module',
  setup(build) {
    build.onEnd(async (result) => {
      const { outdir } = build.initialOptions;
      if (result.errors.length > 0 || outdir === undefined) return;
      await writeFile(join(outdir, 'package.json'), '{ "type": "module" }\n');
    });
  },
};

export default [markBundleAsModule];
