// Installs the console's own dependencies (web/ is a package of its own) after the root install, once.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..', 'web');
if (existsSync(join(web, 'package.json')) && !existsSync(join(web, 'node_modules'))) {
  const result = spawnSync('npm', ['--prefix', web, 'ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  process.exitCode = result.status ?? 1;
}
