// Every API route needs a token (customer pages aside); roles limit what a token may do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKept, type TestKept } from '../helpers/test-app.js';

describe('auth on every route', () => {
  let kept: TestKept;
  let agentToken: string;
  beforeAll(async () => {
    kept = await createTestKept({ store: 'pglite' });
    await kept.api('POST', '/api/v1/agents', { name: 'Ada Agent', email: 'ada@kept.test', role: 'agent', password: 'correct horse battery' });
    agentToken = (await kept.api('POST', '/api/v1/auth/login', { email: 'ada@kept.test', password: 'correct horse battery' })).body.token;
  });
  afterAll(async () => kept?.close());

  it('refuses every operation the document does not mark public with 401 problem+json', async () => {
    // The console is served at `/`, so the printed route tree starts there: ask for the route itself.
    expect(kept.app.hasRoute({ method: 'POST', url: '/api/v1/events' })).toBe(true);
    const open = new Set(['post /api/v1/auth/login', 'post /api/v1/auth/set-password', 'get /api/v1/health']);
    const checked: string[] = [];
    const publicOperations: string[] = [];
    const spec = (await kept.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    for (const [path, methods] of Object.entries(spec.paths)) {
      const url = path.replace(/\{[^}]+\}/g, 'x');
      for (const [method, operation] of Object.entries(methods)) {
        // A route declared public says so in the document: it needs no token.
        if (operation.security?.length === 0) {
          publicOperations.push(`${method} ${path}`);
          continue;
        }
        const response = await kept.app.inject({ method: method.toUpperCase() as 'GET', url, ...(method === 'post' ? { payload: {} } : {}) });
        expect(response.statusCode, `${method} ${path}`).toBe(401);
        expect(response.headers['content-type']).toContain('application/problem+json');
        checked.push(`${method} ${path}`);
      }
    }
    expect(checked.length).toBeGreaterThan(40);
    // Public are login, setting a password, health and the signed webhooks, nothing else.
    expect(publicOperations.filter((operation) => !open.has(operation) && !/^post \/(webhooks|api\/v1\/channels)\//.test(operation))).toEqual([]);
  });

  it('refuses an unknown token', async () => {
    const reply = await kept.api('GET', '/api/v1/cases', undefined, 'kept_session_not_a_real_token');
    expect(reply.status).toBe(401);
    expect(reply.body.detail).toContain('unknown');
  });

  it('lets an agent read but not create agents or post events (403)', async () => {
    expect((await kept.api('GET', '/api/v1/cases', undefined, agentToken)).status).toBe(200);
    const create = await kept.api('POST', '/api/v1/agents', { name: 'X', email: 'x@kept.test', role: 'admin' }, agentToken);
    expect(create.status).toBe(403);
    expect(create.headers['content-type']).toContain('application/problem+json');
    expect((await kept.api('POST', '/api/v1/events', { id: 'e', type: 'a.b', occurred_at: '2026-12-01T00:00:00Z' }, agentToken)).status).toBe(403);
  });

  it('logs an agent in with a password and out again', async () => {
    const me = await kept.api('GET', '/api/v1/me', undefined, agentToken);
    expect(me.body).toMatchObject({ email: 'ada@kept.test', role: 'agent' });
    const wrong = await kept.api('POST', '/api/v1/auth/login', { email: 'ada@kept.test', password: 'wrong password!' });
    expect(wrong.status).toBe(401);
    const session = (await kept.api('POST', '/api/v1/auth/login', { email: 'ada@kept.test', password: 'correct horse battery' })).body.token;
    expect((await kept.api('POST', '/api/v1/auth/logout', undefined, session)).status).toBe(204);
    expect((await kept.api('GET', '/api/v1/me', undefined, session)).status).toBe(401);
  });

  it('gives an agent created without a password a one-time link to set one', async () => {
    const created = await kept.api('POST', '/api/v1/agents', { name: 'Max Manager', email: 'max@kept.test', role: 'manager' });
    expect(created.status).toBe(201);
    const token = String(created.body.password_setup_url).split('/set-password/')[1]!;
    expect((await kept.api('POST', '/api/v1/auth/set-password', { token, password: 'a new long password' })).status).toBe(204);
    expect((await kept.api('POST', '/api/v1/auth/set-password', { token, password: 'another password!' })).status).toBe(401);
    expect((await kept.api('POST', '/api/v1/auth/login', { email: 'max@kept.test', password: 'a new long password' })).body.agent.role).toBe('manager');
  });

  it('refuses a second agent with the same email with 409', async () => {
    const again = await kept.api('POST', '/api/v1/agents', { name: 'Ada Again', email: 'ADA@kept.test', role: 'agent', password: 'correct horse battery' });
    expect(again.status).toBe(409);
    expect(again.body.field).toBe('email');
  });
});

describe('the bootstrap admin token', () => {
  it('is created once and printed when KEPT_ADMIN_TOKEN is not set', async () => {
    const kept = await createTestKept({ store: 'pglite', env: { KEPT_ADMIN_TOKEN: '' } });
    try {
      expect(kept.createdAdminToken).toMatch(/^kept_admin_/);
      expect((await kept.api('GET', '/api/v1/agents', undefined, kept.createdAdminToken)).status).toBe(200);
      expect(await kept.services.agents.ensureAdminToken(undefined)).toBeUndefined();
    } finally {
      await kept.close();
    }
  });
});
