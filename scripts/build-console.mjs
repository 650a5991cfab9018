// Builds the console (web/dist) when it is missing or older than its sources, so `npm start` on a fresh
// clone serves a console and a second start does not rebuild for nothing. `--if-missing` skips the age check.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..', 'web');
const builtIndex = join(web, 'dist', 'index.html');

/** The newest modification time among the console's sources and build settings. */
function newestSourceTime() {
  const sources = [join(web, 'index.html'), join(web, 'vite.config.ts'), join(web, 'package.json')];
  for (const name of readdirSync(join(web, 'src'), { recursive: true, encoding: 'utf8' })) sources.push(join(web, 'src', name));
  return Math.max(...sources.filter((path) => existsSync(path)).map((path) => statSync(path).mtimeMs));
}

function run(args) {
  const result = spawnSync('npm', ['--prefix', web, ...args], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(join(web, 'package.json'))) process.exit(0);
const onlyIfMissing = process.argv.includes('--if-missing');
const stale = !existsSync(builtIndex) || (!onlyIfMissing && statSync(builtIndex).mtimeMs < newestSourceTime());
if (stale) {
  if (!existsSync(join(web, 'node_modules'))) run(['ci', '--no-audit', '--no-fund']);
  process.stdout.write('Building the console (web/dist)…\n');
  run(['run', 'build']);
}
