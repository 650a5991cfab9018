// The public customer forms at /forms/{token}: a claim's declaration or photos, or any other feature's
// form (surveys) through FormPages. Form posts are urlencoded; photo uploads are multipart with limits.
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../http/route-types.js';
import type { ClaimService, UploadedFile } from './claim.service.js';
import type { ClaimsSettings } from './claim.js';
import { renderDeclarationForm, renderDocumentReceived, renderPhotosForm } from './claim-pages.js';
import { notFoundPage, renderPage, type FormPages, type HtmlPage } from './form-html.js';

const tokenParams = z.object({ token: z.string().min(16).max(64) });

function sendPage(reply: FastifyReply, page: HtmlPage) {
  return reply.status(page.status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(page.html);
}

function flatten(body: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) fields[key] = Array.isArray(value) ? String(value[0] ?? '') : String(value ?? '');
  }
  return fields;
}

async function readUpload(request: FastifyRequest, settings: ClaimsSettings): Promise<{ files: UploadedFile[]; note: string; tooMany: boolean }> {
  const files: UploadedFile[] = [];
  let note = '';
  let tooMany = false;
  try {
    for await (const part of request.parts({ limits: { fileSize: settings.maxUploadBytes, files: settings.maxUploadFiles } })) {
      if (part.type === 'file') {
        const data = await part.toBuffer().catch(() => Buffer.alloc(0));
        // An empty file input still sends a part without a name: the customer chose nothing.
        // The type is read from the bytes: the Content-Type a client sends is whatever it chose to say.
        if (part.filename)
          files.push({ filename: part.filename, mimeType: (await fileTypeFromBuffer(data))?.mime ?? 'application/octet-stream', data: new Uint8Array(data), truncated: part.file.truncated });
      } else if (part.fieldname === 'note') {
        note = String(part.value ?? '');
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_FILES_LIMIT') tooMany = true;
    else if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') files.push({ filename: 'photo', mimeType: 'image/jpeg', data: new Uint8Array(0), truncated: true });
    else throw error;
  }
  return { files, note, tooMany };
}

/** Registers /forms/{token} in its own scope, with the form and multipart parsers it needs. */
export async function registerFormRoutes(app: App, deps: { claims: ClaimService; settings: ClaimsSettings; otherForms: FormPages[] }): Promise<void> {
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    await scope.register(multipart, { limits: { fileSize: deps.settings.maxUploadBytes, files: deps.settings.maxUploadFiles, fields: 10, parts: deps.settings.maxUploadFiles + 10 } });
    const photoOptions = { maxFiles: deps.settings.maxUploadFiles, maxMegabytes: Math.round(deps.settings.maxUploadBytes / (1024 * 1024)), types: deps.settings.uploadTypes };

    scope.get('/forms/:token', { config: { auth: 'public' }, schema: { hide: true, params: tokenParams, querystring: z.record(z.string(), z.string()) } }, async (request, reply) => {
      const document = await deps.claims.findFormDocument(request.params.token);
      if (document) {
        if (document.state !== 'requested') return sendPage(reply, renderDocumentReceived(document));
        return sendPage(reply, document.kind === 'declaration' ? renderDeclarationForm(document) : renderPhotosForm(document, photoOptions));
      }
      // A HEAD (link checkers, previews) must never record a one-click answer.
      const query = request.method === 'HEAD' ? {} : request.query;
      for (const forms of deps.otherForms) {
        const page = await forms.show(request.params.token, query);
        if (page) return sendPage(reply, page);
      }
      return sendPage(reply, notFoundPage());
    });

    scope.post(
      '/forms/:token',
      { config: { auth: 'public' }, bodyLimit: deps.settings.maxUploadBytes * deps.settings.maxUploadFiles + 64 * 1024, schema: { hide: true, params: tokenParams } },
      async (request, reply) => {
        const document = await deps.claims.findFormDocument(request.params.token);
        if (document?.kind === 'declaration') {
          const fields = flatten(request.body);
          const result = await deps.claims.submitDeclaration(request.params.token, fields);
          if (result.outcome === 'invalid') return sendPage(reply, renderDeclarationForm(document, fields, result.errors));
          return sendPage(reply, renderDocumentReceived({ ...document, ...result.document }, result.outcome === 'already' ? 409 : 200));
        }
        if (document?.kind === 'photos') {
          if (!request.isMultipart()) {
            if (document.state !== 'requested') return sendPage(reply, renderDocumentReceived(document, 409));
            return sendPage(reply, renderPhotosForm(document, photoOptions, { photos: 'Please send the photos with the form on this page' }, 415));
          }
          const upload = await readUpload(request, deps.settings);
          if (upload.tooMany) return sendPage(reply, renderPhotosForm(document, photoOptions, { photos: `Please send at most ${deps.settings.maxUploadFiles} photos` }, 413));
          const result = await deps.claims.submitPhotos(request.params.token, upload.files, upload.note);
          if (result.outcome === 'invalid') return sendPage(reply, renderPhotosForm(document, photoOptions, result.errors));
          return sendPage(reply, renderDocumentReceived({ ...document, ...result.document }, result.outcome === 'already' ? 409 : 200));
        }
        const fields = flatten(request.body);
        for (const forms of deps.otherForms) {
          const page = await forms.submit(request.params.token, fields);
          if (page) return sendPage(reply, page);
        }
        return sendPage(reply, document ? renderPage({ title: 'Form', body: '' }) : notFoundPage());
      },
    );
  });
}
