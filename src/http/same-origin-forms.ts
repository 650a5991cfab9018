// Customer forms (claims, surveys, the contact form) post to Kept from Kept's own pages. A post that a
// browser says comes from another site is a forgery — another page submitting a survey answer or a
// declaration in the customer's name — and is refused before the form reads it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../shared/app-error.js';

/** The route patterns of the HTML forms customers post. */
const formRoutes = new Set(['/forms/:token', '/contact']);

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

/** True when the browser says the post comes from another site than this Kept (by Origin or Sec-Fetch-Site). */
export function isCrossSitePost(request: FastifyRequest, publicHost: string | undefined): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = request.headers.origin;
  // Clients that are not browsers send no Origin; browsers always send one with a form post.
  if (origin === undefined) return false;
  const host = hostOf(origin);
  return host === undefined || (host !== request.headers.host && host !== publicHost);
}

export function registerSameOriginForms(app: FastifyInstance, options: { publicUrl: string }): void {
  const publicHost = hostOf(options.publicUrl);
  app.addHook('onRequest', async (request) => {
    if (request.method !== 'POST' || !formRoutes.has(request.routeOptions.url ?? '')) return;
    if (isCrossSitePost(request, publicHost)) {
      throw new AppError('forbidden', { detail: 'This form can only be sent from its own page', field: 'origin' });
    }
  });
}
