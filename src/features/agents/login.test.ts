// Login on both stores: an unknown address costs the same password check as a known one, so the answer's
// time cannot tell whether an account exists; a disabled agent cannot log in.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../shared/clock.js';
import { createTestStore, storeKinds, type TestStore } from '../../../test/helpers/stores.js';
import { createAgentService } from './agent.service.js';
import { verifyPassword } from './password.js';

describe.each(storeKinds)('login on %s', (kind) => {
  let store: TestStore;
  const checked: string[] = [];
  let agents: ReturnType<typeof createAgentService>;
  beforeAll(async () => {
    store = await createTestStore(kind);
    // The real scrypt check, wrapped to count which hashes it was asked to check.
    const counting = async (password: string, stored: string) => {
      checked.push(stored);
      return verifyPassword(password, stored);
    };
    agents = createAgentService({
      db: store.db,
      clock: createManualClock(new Date('2026-12-01T09:00:00Z')),
      logger: pino({ level: 'silent' }),
      publicUrl: 'http://localhost:3000',
      verifyPassword: counting,
    });
    await agents.createAgent({ name: 'Sam', email: 'sam@shop.example', role: 'agent', password: 'correct horse battery' });
  });
  afterAll(async () => store?.close());

  it('checks one scrypt hash for an unknown address, as for a known one with a wrong password', async () => {
    checked.length = 0;
    await expect(agents.login({ email: 'nobody@shop.example', password: 'guess-guess' })).rejects.toThrow('Wrong email or password');
    await expect(agents.login({ email: 'sam@shop.example', password: 'guess-guess' })).rejects.toThrow('Wrong email or password');
    expect(checked).toHaveLength(2);
    expect(checked.map((hash) => hash.split('$').map((part) => part.length))).toEqual([
      [6, 24, 88],
      [6, 24, 88],
    ]);
  });

  it('lets the right password in', async () => {
    expect((await agents.login({ email: 'sam@shop.example', password: 'correct horse battery' })).agent.email).toBe('sam@shop.example');
  });
});
