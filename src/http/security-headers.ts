// Security headers on every answer (@fastify/helmet): a Content-Security-Policy that the console (Vite's
// built files, all from this origin) and the customer pages (inline <style>, forms posting to themselves)
// pass, no framing, no MIME sniffing. The contact form is the one page made to be framed: the shop's site
// embeds it (GET /contact/embed.js), so it may be framed by any site; it acts on no session.
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** Routes whose pages a shop's site embeds in an iframe. */
const embeddableRoutes = new Set(['/contact']);

export const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // Customer pages carry their style inline; the console sets style attributes from React.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
} as const;

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy },
    frameguard: { action: 'deny' },
    // The console and the customer pages load nothing cross-origin; these would only break embedding tools.
    crossOriginEmbedderPolicy: false,
    // Kept may run on plain HTTP on a first start (127.0.0.1); HSTS belongs to the proxy that terminates TLS.
    strictTransportSecurity: false,
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (!embeddableRoutes.has(request.routeOptions.url ?? '')) return payload;
    reply.removeHeader('x-frame-options');
    const policy = reply.getHeader('content-security-policy');
    if (typeof policy === 'string') reply.header('content-security-policy', policy.replace("frame-ancestors 'none'", 'frame-ancestors *'));
    return payload;
  });
}
