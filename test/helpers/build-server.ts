// Builds dist/ once before the suite (when it is out of date), so the end-to-end tests that spawn `kept` run
// the compiled server, as `npm start` does.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const script = fileURLToPath(new URL('../../scripts/build-server.mjs', import.meta.url));
  const result = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`building dist/ failed with exit code ${String(result.status)}`);
}
