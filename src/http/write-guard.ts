// Refuses requests that write while the store cannot take writes (a full disk): 507 at once, instead of a
// request that hangs. Reads, the console and /api/v1/health keep answering. A write that fails because the
// disk filled up is noted, so the next ones are refused without trying.
import type { FastifyInstance } from 'fastify';
import type { StoreGuard } from '../db/store-guard.js';
import { AppError } from '../shared/app-error.js';

const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerWriteGuard(app: FastifyInstance, deps: { guard: StoreGuard }): void {
  app.addHook('onRequest', async (request) => {
    if (readMethods.has(request.method)) return;
    const condition = await deps.guard.condition();
    if (condition.writable) return;
    throw new AppError('insufficient_storage', {
      detail: `Kept cannot store anything now: ${condition.reason ?? 'the store refuses writes'}. Nothing was written; send it again when space is freed.`,
      extra: condition.free_bytes === undefined ? {} : { free_bytes: condition.free_bytes },
    });
  });
  app.addHook('onError', async (_request, _reply, error) => {
    deps.guard.noteError(error);
  });
}
