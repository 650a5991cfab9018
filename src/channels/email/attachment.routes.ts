// GET /api/v1/attachments/{id}: an emailed file for an agent. Always a download (never rendered in the
// console's origin), with its declared type and `nosniff`, so a customer's HTML or SVG cannot run as Kept.
import { create as contentDisposition } from 'content-disposition';
import { z } from 'zod';
import type { App } from '../../http/route-types.js';
import type { AttachmentService } from './attachment.service.js';

const safeType = (declared: string) => (/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i.test(declared) ? declared.toLowerCase() : 'application/octet-stream');

export function registerAttachmentRoutes(app: App, deps: { attachments: AttachmentService }): void {
  app.get(
    '/api/v1/attachments/:id',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'getAttachment',
        summary: 'Download a file a customer sent by email',
        tags: ['email'],
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: z.unknown().meta({ description: 'The file, as sent, with its content type; always as a download' }) },
      },
    },
    async (request, reply) => {
      const file = await deps.attachments.readAttachmentFile(request.params.id);
      return reply
        .header('content-type', safeType(file.contentType))
        .header('content-disposition', contentDisposition(file.filename, { type: 'attachment' }))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(file.data));
    },
  );
}
