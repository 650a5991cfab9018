// Loads the TypeScript parse worker under tsx or the test runner: registers tsx's loader in this worker
// thread first. The compiled server (dist/) loads parse-worker.js directly and never uses this file.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./parse-worker.ts');
export default worker.default;
