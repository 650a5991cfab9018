// Where the compiled server lives (dist/, beside src/ so that paths read relative to a module stay the same)
// and whether it is still the compilation of the sources. Shared by bin/kept.js and the build.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const srcDir = join(root, 'src');
export const distDir = join(root, 'dist');
export const distEntry = join(distDir, 'cli', 'main.js');
const stampFile = join(distDir, '.built-from.json');

/** Tests and their fixtures are not part of the server. */
function isServerPath(relative) {
  return !relative.split('/').includes('fixtures') && !relative.endsWith('.test.ts');
}

/** The server's sources under src/ (relative paths): TypeScript modules and the YAML and JSON they read. */
export function listServerSources() {
  return readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
    .map((name) => name.split('\\').join('/'))
    .filter((name) => /\.(ts|yaml|json)$/.test(name) && isServerPath(name))
    .sort();
}

/** What the stamp records: how many sources there were and the newest modification time among them. */
export function describeSources(sources = listServerSources()) {
  const newest = Math.max(0, ...sources.map((name) => statSync(join(srcDir, name)).mtimeMs));
  return { count: sources.length, newestMtimeMs: newest };
}

/** True when dist/ was built from the sources as they are now (no source added, removed or changed since). */
export function distIsFresh() {
  if (!existsSync(distEntry) || !existsSync(stampFile)) return false;
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    const now = describeSources();
    return stamp.count === now.count && stamp.newestMtimeMs === now.newestMtimeMs;
  } catch {
    return false;
  }
}

export { stampFile };
