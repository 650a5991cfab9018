// Guessing passwords costs the whole window: past the attempts allowed per account (from any address) or per
// address (for any account), login answers 429 with Retry-After, even for the right password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginLimits } from '../../src/features/agents/agent.routes.js';
import { storeKinds } from '../helpers/stores.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';

const password = 'correct horse battery';
/** The attacker waits out the rest of the window, which began when the guessing did (seconds ago). */
const windowSeconds = loginLimits.windowMs / 1000;

describe.each(storeKinds)('login limits on %s', (store) => {
  let kept: TestKept;
  beforeAll(async () => {
    kept = await createTestKept({ store });
    for (const name of ['sam', 'kim']) await kept.api('POST', '/api/v1/agents', { name, email: `${name}@shop.example`, role: 'agent', password });
  });
  afterAll(async () => kept?.close());

  const attempt = (email: string, pass: string, address: string) => kept.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: pass }, remoteAddress: address });

  it('locks an account guessed from many addresses, answering 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < loginLimits.perAccount; i += 1) statuses.push((await attempt('Sam@shop.example', `wrong-${i}`, `10.0.0.${i + 1}`)).statusCode);
    expect(statuses).toEqual(Array.from({ length: loginLimits.perAccount }, () => 401));
    const right = await attempt('sam@shop.example', password, '10.0.1.1');
    expect(right.statusCode).toBe(429);
    expect(right.headers['content-type']).toContain('application/problem+json');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(windowSeconds - 60);
    expect(Number(right.headers['retry-after'])).toBeLessThanOrEqual(windowSeconds);
    expect((await attempt('kim@shop.example', password, '10.0.1.1')).statusCode).toBe(200);
  });

  it('stops one address guessing across accounts', async () => {
    const address = '10.0.2.1';
    for (let i = 0; i < loginLimits.perAddress; i += 1) await attempt(`guess-${i}@shop.example`, 'wrong', address);
    const next = await attempt('kim@shop.example', password, address);
    expect(next.statusCode).toBe(429);
    expect(Number(next.headers['retry-after'])).toBeGreaterThan(windowSeconds - 60);
    expect(Number(next.headers['retry-after'])).toBeLessThanOrEqual(windowSeconds);
    expect((await attempt('kim@shop.example', password, '10.0.2.2')).statusCode).toBe(200);
  });
});
