#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `kept` works from a clone without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
