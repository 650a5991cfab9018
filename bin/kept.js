#!/usr/bin/env node
// Runs the compiled server in dist/ when it is the compilation of the sources as they are (`npm start` builds
// it first); otherwise the TypeScript sources through tsx, so `kept` works from a clone without a build step.
import { pathToFileURL } from 'node:url';
import { distEntry, distIsFresh } from '../scripts/server-dist.mjs';

if (distIsFresh()) {
  await import(pathToFileURL(distEntry).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
