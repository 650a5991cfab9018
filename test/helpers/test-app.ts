// Builds Kept for a test: the shipped config, a manual clock, a known admin token, on the given store.
import { buildApp, type Kept } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createTestStore, type StoreKind, type TestStore } from './stores.js';

export const adminToken = 'kept_test_admin_token_0123456789';
export const testStart = new Date('2026-12-01T09:00:00Z');

export interface TestKept extends Kept {
  store: TestStore;
  /** inject() with the admin token and JSON. */
  api(method: 'GET' | 'POST', url: string, body?: unknown, token?: string): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
}

export async function createTestKept(options: { store: StoreKind; env?: Record<string, string>; clockStart?: Date; consoleDistDir?: string }): Promise<TestKept> {
  const store = await createTestStore(options.store);
  const config = loadConfig({ KEPT_CLOCK: 'manual', KEPT_ADMIN_TOKEN: adminToken, KEPT_LOG_LEVEL: 'silent', ...options.env });
  const kept = await buildApp({ config, store, clockStart: options.clockStart ?? testStart, checkResponses: true, ...(options.consoleDistDir ? { consoleDistDir: options.consoleDistDir } : {}) });
  return {
    ...kept,
    store,
    async api(method, url, body, token = adminToken) {
      const response = await kept.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });
      const type = String(response.headers['content-type'] ?? '');
      return { status: response.statusCode, body: type.includes('json') ? response.json() : response.body, headers: response.headers };
    },
    async close() {
      await kept.close();
      await store.close();
    },
  };
}
