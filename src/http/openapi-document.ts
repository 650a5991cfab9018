// Builds the OpenAPI document offline, from the app itself (an in-memory store, a manual clock), for the
// API lint and the console's generated types; nothing listens.
import { buildApp } from '../app.js';
import { loadConfig } from '../config/config.js';
import { createStore } from '../db/create-db.js';

export async function buildOpenApiDocument(): Promise<unknown> {
  const store = await createStore({ dataDir: 'memory://' });
  const config = loadConfig({ KEPT_CLOCK: 'manual', KEPT_ADMIN_TOKEN: 'kept_openapi_document_token', KEPT_LOG_LEVEL: 'silent', KEPT_CONFIG: undefined });
  const kept = await buildApp({ config, store });
  try {
    const response = await kept.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    return response.json();
  } finally {
    await kept.close();
    await store.close();
  }
}
