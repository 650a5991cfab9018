// An attacker's walk over every registered route: the path as registered and as an attacker would spell it
// (percent-encoded, doubled slashes, mixed case, a trailing slash, an empty query, a token in the query).
// No route that needs a token may answer anything but 401 (or 404 when the spelling routes nowhere).
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteAccess } from '../../src/http/auth.js';
import { adminToken, createTestKept, type TestKept } from '../helpers/test-app.js';
import { storeKinds } from '../helpers/stores.js';

const metricsToken = 'kept_test_metrics_token_0123456789';

/** The routes anyone may call: customer pages, login, the API document, health and signed webhooks. */
const expectedPublic = new Set([
  'GET /api/v1/openapi.json',
  'GET /api/v1/health',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/set-password',
  'GET /status/:token',
  'GET /forms/:token',
  'POST /forms/:token',
  'GET /contact',
  'POST /contact',
  'GET /contact/embed.js',
  'POST /api/v1/channels/social/webhook',
  'POST /api/v1/channels/sms/twilio',
  // The console's files (a small build written by this test).
  'GET /',
  'GET /index.html',
  'GET /assets/app.js',
]);

function isExpectedPublic(route: RouteAccess): boolean {
  const method = route.method === 'HEAD' ? 'GET' : route.method;
  // Shop webhooks are authenticated by their signature alone (SPEC §3).
  return expectedPublic.has(`${method} ${route.url}`) || (method === 'POST' && route.url.startsWith('/webhooks/'));
}

const encodeFirst = (segment: string) => `%${segment.charCodeAt(0).toString(16)}${segment.slice(1)}`;
const alternateCase = (text: string) => [...text].map((char, i) => (i % 2 ? char.toUpperCase() : char.toLowerCase())).join('');

/** The ways one path can be spelled to reach (or try to reach) the same route. */
function spellings(path: string): string[] {
  const segments = path.split('/').filter(Boolean);
  const [first = '', ...rest] = segments;
  return [
    path,
    `/${[encodeFirst(first), ...rest].join('/')}`,
    `/${segments.map(encodeFirst).join('/')}`,
    `/${segments.map((segment) => encodeFirst(segment).toUpperCase()).join('/')}`,
    `/${segments.join('%2F')}`,
    `/${path}`,
    path.replace(/\//g, '//'),
    `${path}/`,
    `${path}?`,
    `${path}#`,
    `/${[...segments.slice(0, -1), '.', segments.at(-1)].join('/')}`,
    path.toUpperCase(),
    alternateCase(path),
  ];
}

describe.each(storeKinds)('access to every route on %s', (storeKind) => {
  let kept: TestKept;
  let agentToken: string;
  beforeAll(async () => {
    const consoleDir = mkdtempSync(join(tmpdir(), 'kept-console-'));
    mkdirSync(join(consoleDir, 'assets'));
    writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>Kept</title>');
    writeFileSync(join(consoleDir, 'assets', 'app.js'), 'export {};');
    kept = await createTestKept({ store: storeKind, consoleDistDir: consoleDir, env: { KEPT_METRICS_TOKEN: metricsToken } });
    await kept.app.ready();
    await kept.api('POST', '/api/v1/agents', { name: 'Ada Agent', email: 'ada@kept.test', role: 'agent', password: 'correct horse battery' });
    agentToken = (await kept.api('POST', '/api/v1/auth/login', { email: 'ada@kept.test', password: 'correct horse battery' })).body.token;
  });
  afterAll(async () => kept?.close());

  it('has every route declare its access, and only the customer-facing ones are public', () => {
    expect(kept.routes.length).toBeGreaterThan(60);
    expect(kept.routes.filter((route) => route.auth === undefined)).toEqual([]);
    const publicRoutes = kept.routes.filter((route) => route.auth === 'public');
    expect(publicRoutes.filter((route) => !isExpectedPublic(route))).toEqual([]);
  });

  it('answers 401 or 404 on every spelling of every route that needs a token, when none is sent', async () => {
    const guarded = kept.routes.filter((route) => route.auth !== 'public');
    const answers: string[] = [];
    for (const route of guarded) {
      const path = route.url.replace(/:[A-Za-z]+/g, 'x1');
      const asked = spellings(path);
      // These reach the route itself, so they must be refused, not merely missed.
      const reaching = new Set([...asked.slice(0, 3), `${path}?`]);
      // A token in the query counts only where the route says so (the live stream).
      if (route.url !== '/api/v1/stream') asked.push(`${path}?token=${adminToken}`, `${path}?access_token=${adminToken}`);
      for (const url of asked) {
        const response = await kept.app.inject({ method: route.method as 'GET', url, ...(route.method === 'POST' ? { payload: {} } : {}) });
        const allowed = reaching.has(url) ? [401] : [401, 404];
        if (!allowed.includes(response.statusCode)) answers.push(`${route.method} ${url} → ${response.statusCode}`);
        if (response.statusCode === 401 && route.method !== 'HEAD') expect(response.headers['content-type']).toContain('application/problem+json');
      }
    }
    expect(answers).toEqual([]);
  });

  it('refuses an agent token on every spelling of the manager and admin routes', async () => {
    const higher = kept.routes.filter((route) => route.auth === 'manager' || route.auth === 'admin');
    expect(higher.length).toBeGreaterThan(10);
    const answers: string[] = [];
    for (const route of higher) {
      for (const url of spellings(route.url.replace(/:[A-Za-z]+/g, 'x1'))) {
        const response = await kept.app.inject({ method: route.method as 'GET', url, headers: { authorization: `Bearer ${agentToken}` }, ...(route.method === 'POST' ? { payload: {} } : {}) });
        if (response.statusCode !== 403 && response.statusCode !== 404) answers.push(`${route.method} ${url} → ${response.statusCode}`);
      }
    }
    expect(answers).toEqual([]);
  });

  it('serves /metrics only with an admin token or the metrics token, which opens nothing else', async () => {
    for (const url of ['/metrics', '/metrics?', '/%6detrics', '/%6Detrics?x=1', '/metrics/']) {
      expect([401, 404], url).toContain((await kept.app.inject({ method: 'GET', url })).statusCode);
    }
    expect((await kept.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${agentToken}` } })).statusCode).toBe(403);
    const scraped = await kept.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${metricsToken}` } });
    expect(scraped.statusCode).toBe(200);
    expect(scraped.body).toContain('# TYPE');
    expect((await kept.app.inject({ method: 'GET', url: '/%6detrics', headers: { authorization: `Bearer ${adminToken}` } })).statusCode).toBe(200);
    expect((await kept.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { authorization: `Bearer ${metricsToken}` } })).statusCode).toBe(401);
  });

  it('sends a reply only with a token, however the path is spelled', async () => {
    const reply = { author_id: 'agt_x', body: 'We are on it.' };
    for (const url of ['/%61pi/v1/cases/c1/replies', '/api/v1/cases/c1/%72eplies', '/api/v1/%63ases/c1/replies']) {
      const response = await kept.app.inject({ method: 'POST', url, payload: reply });
      expect(response.statusCode, url).toBe(401);
    }
  });
});

describe('a route that declares no access', () => {
  it('makes start fail, naming the route', async () => {
    const kept = await createTestKept({ store: 'pglite' });
    try {
      kept.app.get('/api/v1/forgotten', async () => ({ secret: true }));
      await expect(kept.app.ready()).rejects.toThrow('GET /api/v1/forgotten');
    } finally {
      await kept.close();
    }
  });
});
