// The console is served at `/` from its build, and takes no path it does not have a file for.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerConsole } from './console.js';
import { registerErrorHandling } from './error-handler.js';

describe('console serving', () => {
  let app: FastifyInstance | undefined;
  let dist: string | undefined;
  afterEach(async () => {
    await app?.close();
    if (dist) rmSync(dist, { recursive: true, force: true });
  });

  async function serve(files: Record<string, string> | null): Promise<FastifyInstance> {
    dist = mkdtempSync(join(tmpdir(), 'kept-console-'));
    for (const [name, text] of Object.entries(files ?? {})) {
      mkdirSync(join(dist, name, '..'), { recursive: true });
      writeFileSync(join(dist, name), text);
    }
    app = Fastify();
    registerErrorHandling(app);
    await registerConsole(app, { distDir: dist });
    return app;
  }

  it('serves index.html at / (fresh every time) and the hashed assets (cached for good)', async () => {
    const server = await serve({ 'index.html': '<!doctype html><title>Kept console</title>', 'assets/index-abc.js': 'console.log(1)' });
    const page = await server.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body).toContain('Kept console');
    const asset = await server.inject({ method: 'GET', url: '/assets/index-abc.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('leaves customer pages and unknown paths to the rest of the server', async () => {
    const server = await serve({ 'index.html': '<!doctype html>' });
    for (const url of ['/status/tok_1', '/forms/tok_1', '/contact', '/assets/missing.js', '/../package.json']) {
      const reply = await server.inject({ method: 'GET', url });
      expect(reply.statusCode, url).toBe(404);
      expect(reply.headers['content-type'], url).toContain('application/problem+json');
    }
  });

  it('explains how to build the console when there is no build', async () => {
    const server = await serve(null);
    const page = await server.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('npm run build:web');
  });
});
