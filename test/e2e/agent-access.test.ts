// An admin decides who may get in, at once: revoke a token, disable or delete an agent, end their sessions;
// a changed KEPT_ADMIN_TOKEN shuts out the old one. Agents write as themselves; an admin who writes for an
// agent is recorded as such. Every change is in the audit log, which only admins read.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { storeKinds } from '../helpers/stores.js';
import { adminToken, createTestKept, type TestKept } from '../helpers/test-app.js';

const password = 'correct horse battery';

describe.each(storeKinds)('who may get in, on %s', (store) => {
  let kept: TestKept;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    kept = await createTestKept({ store });
    for (const [name, role] of [
      ['sam', 'agent'],
      ['kim', 'agent'],
      ['max', 'manager'],
      ['ada', 'admin'],
    ] as const) {
      ids[name] = (await kept.api('POST', '/api/v1/agents', { name, email: `${name}@shop.example`, role, password })).body.id;
    }
  });
  afterAll(async () => kept?.close());

  const login = async (name: string) => kept.api('POST', '/api/v1/auth/login', { email: `${name}@shop.example`, password });
  const me = async (token: string) => (await kept.api('GET', '/api/v1/me', undefined, token)).status;
  const actions = async () => (await kept.api('GET', '/api/v1/audit-log')).body.items as { action: string; actor: unknown; target: { id: string }; detail: Record<string, unknown> }[];

  it('disabling an agent ends their sessions at once and refuses their login until enabled', async () => {
    const session = (await login('sam')).body.token as string;
    expect(await me(session)).toBe(200);
    const ada = (await login('ada')).body.token as string;
    const disabled = await kept.api('POST', `/api/v1/agents/${ids.sam}/disable`, undefined, ada);
    expect(disabled.body).toEqual({ id: ids.sam, tokens_revoked: 1 });
    expect(await me(session)).toBe(401);
    expect((await login('sam')).status).toBe(401);
    expect((await kept.api('GET', '/api/v1/agents')).body.items.find((agent: { id: string }) => agent.id === ids.sam).disabled).toBe(true);
    const log = await actions();
    expect(log.slice(0, 2).map((entry) => [entry.action, entry.actor, entry.target.id])).toEqual([
      ['token.revoked', { agent_id: ids.ada, token_id: null }, expect.stringMatching(/^tok_/)],
      ['agent.disabled', { agent_id: ids.ada, token_id: null }, ids.sam],
    ]);
    expect((await kept.api('POST', `/api/v1/agents/${ids.sam}/enable`, undefined, ada)).status).toBe(200);
    expect((await login('sam')).status).toBe(200);
  });

  it("ends another agent's sessions, and only an admin may", async () => {
    const first = (await login('kim')).body.token as string;
    const second = (await login('kim')).body.token as string;
    const manager = (await login('max')).body.token as string;
    expect((await kept.api('POST', `/api/v1/agents/${ids.kim}/sessions/end`, undefined, manager)).status).toBe(403);
    expect((await kept.api('GET', '/api/v1/audit-log', undefined, manager)).status).toBe(403);
    expect((await kept.api('POST', `/api/v1/agents/${ids.kim}/sessions/end`)).body).toEqual({ id: ids.kim, tokens_revoked: 2 });
    expect([await me(first), await me(second)]).toEqual([401, 401]);
    expect((await actions())[0]).toMatchObject({ action: 'token.revoked', actor: { agent_id: null, token_id: expect.stringMatching(/^tok_/) }, detail: { reason: 'sessions ended' } });
  });

  it('revokes one token, listed without its secret', async () => {
    const session = (await login('max')).body.token as string;
    const listed = (await kept.api('GET', `/api/v1/tokens?agent_id=${ids.max}`)).body.items as { id: string; kind: string }[];
    expect(JSON.stringify(listed)).not.toContain(session);
    const target = listed.filter((token) => token.kind === 'session');
    expect((await kept.api('POST', `/api/v1/tokens/${target[target.length - 1]!.id}/revoke`)).status).toBe(204);
    expect(await me(session)).toBe(401);
    expect((await kept.api('POST', `/api/v1/tokens/${target[target.length - 1]!.id}/revoke`)).status).toBe(404);
  });

  it('deletes an agent: gone from the list, tokens dead, and an admin cannot delete themself', async () => {
    const session = (await login('kim')).body.token as string;
    const ada = (await login('ada')).body.token as string;
    expect((await kept.app.inject({ method: 'DELETE', url: `/api/v1/agents/${ids.ada}`, headers: { authorization: `Bearer ${ada}` } })).statusCode).toBe(409);
    expect((await kept.app.inject({ method: 'DELETE', url: `/api/v1/agents/${ids.kim}`, headers: { authorization: `Bearer ${ada}` } })).statusCode).toBe(200);
    expect(await me(session)).toBe(401);
    expect((await login('kim')).status).toBe(401);
    expect((await kept.api('GET', '/api/v1/agents')).body.items.map((agent: { id: string }) => agent.id)).not.toContain(ids.kim);
  });

  it('an agent writes as themself; an admin may write for an agent and is recorded doing so', async () => {
    expect(
      (
        await kept.api('POST', '/api/v1/events', {
          id: 'ask-1',
          type: 'contact.received',
          occurred_at: '2026-12-01T09:00:00Z',
          customer: { email: 'ana@example.com' },
          data: { channel: 'web_form', text: 'Where is my parcel?' },
        })
      ).status,
    ).toBe(202);
    const caseId = (await kept.api('GET', '/api/v1/cases')).body.items[0].id as string;
    const sam = (await login('sam')).body.token as string;
    const forged = await kept.api('POST', `/api/v1/cases/${caseId}/replies`, { author_id: ids.max, body: 'Your parcel left our warehouse this morning.' }, sam);
    expect(forged.status).toBe(403);
    expect(forged.body.field).toBe('author_id');
    const own = await kept.api('POST', `/api/v1/cases/${caseId}/replies`, { body: 'Your parcel left our warehouse this morning.' }, sam);
    expect(own.status).toBe(201);
    expect(own.body.message.author_id).toBe(ids.sam);
    const ada = (await login('ada')).body.token as string;
    const forSam = await kept.api('POST', `/api/v1/cases/${caseId}/replies`, { author_id: ids.sam, body: 'The carrier confirms delivery for Thursday.' }, ada);
    expect(forSam.status).toBe(201);
    expect(forSam.body.message.author_id).toBe(ids.sam);
    expect((await actions())[0]).toMatchObject({ action: 'reply.sent_for', actor: { agent_id: ids.ada, token_id: null }, target: { id: forSam.body.message.id }, detail: { for_agent_id: ids.sam } });
  });

  it('a changed KEPT_ADMIN_TOKEN revokes the one it replaces', async () => {
    const replacement = 'kept_replacement_admin_token_9876543210';
    const config = loadConfig({ KEPT_CLOCK: 'manual', KEPT_ADMIN_TOKEN: replacement, KEPT_LOG_LEVEL: 'silent' });
    const restarted = await buildApp({ config, store: kept.store, logger: pino({ level: 'silent' }) });
    try {
      const ask = (token: string) => restarted.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
      expect((await ask(adminToken)).statusCode).toBe(401);
      expect((await ask(replacement)).statusCode).toBe(200);
      const log = (await restarted.app.inject({ method: 'GET', url: '/api/v1/audit-log', headers: { authorization: `Bearer ${replacement}` } })).json();
      expect(log.items[0]).toMatchObject({ action: 'token.revoked', actor: { agent_id: null, token_id: null }, detail: { reason: 'KEPT_ADMIN_TOKEN changed' } });
    } finally {
      await restarted.close();
    }
  });
});
