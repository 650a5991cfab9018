// `kept agents add` against a running Kept: the agent exists, and the link it prints sets the password the
// agent then logs in with.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgentsCommand } from '../../src/cli/agents-command.js';
import { adminToken, createTestKept, type TestKept } from '../helpers/test-app.js';

describe('kept agents add', () => {
  let kept: TestKept;
  let baseUrl: string;
  beforeAll(async () => {
    kept = await createTestKept({ store: 'pglite' });
    baseUrl = await kept.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => kept?.close());

  it('creates the agent and prints the one-time link that sets its password', async () => {
    let printed = '';
    const code = await runAgentsCommand(
      ['add', '--name', 'Rosa Diaz', '--email', 'rosa@example.com', '--role', 'manager'],
      { KEPT_URL: baseUrl, KEPT_ADMIN_TOKEN: adminToken },
      (text) => (printed += text),
    );
    expect(code).toBe(0);
    const link = /#\/set-password\/(\S+)/.exec(printed);
    expect(printed).toMatch(/^Created manager rosa@example.com \(agt_\w+\)\. One-time link to set the password:/);
    const set = await kept.app.inject({ method: 'POST', url: '/api/v1/auth/set-password', payload: { token: link?.[1], password: 'a long password' } });
    expect(set.statusCode).toBe(204);
    const login = await kept.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'rosa@example.com', password: 'a long password' } });
    expect(login.json().agent).toMatchObject({ name: 'Rosa Diaz', role: 'manager' });
  });

  it('refuses a second agent with the same email, and wrong usage', async () => {
    expect(await runAgentsCommand(['add', '--name', 'Rosa', '--email', 'rosa@example.com'], { KEPT_URL: baseUrl, KEPT_ADMIN_TOKEN: adminToken }, () => {})).toBe(1);
    expect(await runAgentsCommand(['add', '--name', 'No Email'], { KEPT_URL: baseUrl, KEPT_ADMIN_TOKEN: adminToken }, () => {})).toBe(2);
    expect(await runAgentsCommand(['add', '--name', 'X', '--email', 'x@example.com', '--role', 'owner'], { KEPT_URL: baseUrl, KEPT_ADMIN_TOKEN: adminToken }, () => {})).toBe(2);
  });
});
