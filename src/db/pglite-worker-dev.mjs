// Loads the TypeScript store worker under tsx or the test runner: registers tsx's loader in this worker
// thread first. The compiled server (dist/) starts pglite-worker.js directly and never uses this file.
import { register } from 'tsx/esm/api';

register();
await import('./pglite-worker.ts');
