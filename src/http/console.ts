// Serves the agent console (the built web/dist) at `/`. The console routes by URL hash, so its files are
// all there is to serve: no fallback route, and no claim on paths such as /status or /forms, which
// customer pages own.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where `npm --prefix web run build` writes the console. */
export const consoleDistDir = fileURLToPath(new URL('../../web/dist', import.meta.url));

const notBuiltPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Kept</title></head>
<body><main><h1>Kept is running</h1><p>The console has not been built. Run <code>npm run build:web</code>
(or <code>npm start</code>, which builds it when it is missing) and reload.</p>
<p>The API is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p></main></body></html>`;

/**
 * Registers the console's files, as found at start, as routes of their own (not a `/*` wildcard), so only the console's
 * paths are taken and every other path keeps the API's problem+json 404. Without a build, `/` explains
 * how to make one.
 */
export async function registerConsole(app: FastifyInstance, options: { distDir?: string } = {}): Promise<void> {
  const root = options.distDir ?? consoleDistDir;
  if (!existsSync(join(root, 'index.html'))) {
    app.get('/', { config: { auth: 'public' }, schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(notBuiltPage));
    return;
  }
  await app.register(async (scope) => {
    // The console's files are public (its API calls carry the token); @fastify/static takes no route
    // config, so its routes get their declared access here.
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, auth: 'public' };
    });
    await scope.register(fastifyStatic, {
      root,
      wildcard: false,
      index: 'index.html',
      // Hashed asset names change with every build; index.html must always be fetched fresh.
      setHeaders(reply, path) {
        reply.header('cache-control', path.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
      },
    });
  });
}
