// Compiles the server (src/ without tests) to plain JavaScript in dist/, one file per module, and copies the
// YAML and JSON the modules read beside them. Running the compiled files instead of the TypeScript through
// tsx saves about 70 MB resident (tsx's loader and the source maps it keeps for every module).
// Skips the work when dist/ is up to date; `--force` rebuilds anyway.
import { copyFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { describeSources, distDir, distIsFresh, listServerSources, root, srcDir } from './server-dist.mjs';

if (!process.argv.includes('--force') && distIsFresh()) process.exit(0);

const sources = listServerSources();
const stamp = describeSources(sources);
// Built aside and swapped in, so a `kept` starting meanwhile never reads a half-written dist/.
const staging = join(root, `dist.building-${process.pid}`);
rmSync(staging, { recursive: true, force: true });
await build({
  entryPoints: sources.filter((name) => name.endsWith('.ts')).map((name) => join(srcDir, name)),
  outbase: srcDir,
  outdir: staging,
  bundle: false,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
for (const name of sources.filter((entry) => !entry.endsWith('.ts'))) {
  mkdirSync(dirname(join(staging, name)), { recursive: true });
  copyFileSync(join(srcDir, name), join(staging, name));
}
writeFileSync(join(staging, '.built-from.json'), `${JSON.stringify(stamp)}\n`);

const previous = join(root, `dist.previous-${process.pid}`);
try {
  renameSync(distDir, previous);
} catch (error) {
  if (error.code !== 'ENOENT') throw error;
}
try {
  renameSync(staging, distDir);
} catch (error) {
  // Another build swapped its dist/ in first; it was built from the same sources.
  if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
  rmSync(staging, { recursive: true, force: true });
}
rmSync(previous, { recursive: true, force: true });
