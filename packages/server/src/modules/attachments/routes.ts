import { attachmentListQuery, attachmentView } from '@gongzhi/contracts';
import { z } from 'zod';
import { contentDisposition } from '../../platform/download.ts';
import { notFound } from '../../platform/errors.ts';
import type { RouteDef } from '../../platform/route.ts';
import { route } from '../../platform/route.ts';
import { openStored } from './file-store.ts';
import { getAttachment, listAttachments } from './read-attachments.ts';
import { FileTooLargeError, uploadAttachment } from './upload-attachment.ts';

const tags = ['attachments'];

export const attachmentsRoutes: RouteDef[] = [
  route({
    method: 'POST',
    url: '/attachments',
    permission: 'attachment.upload',
    summary: 'Upload one file (PNG, JPEG or PDF) for a record: multipart fields recordType, recordId, estateId and file',
    tags,
    multipart: true,
    // the upload runs its own transaction: the file is moved into place inside it
    transaction: false,
    schema: { response: { 200: attachmentView } },
    handler: async ({ ctx, db, req, reply, deps }) => {
      try {
        return await uploadAttachment({
          ctx, db, dataDir: deps.config.dataDir, maxBytes: deps.config.maxUploadBytes, parts: req.parts(),
        });
      } catch (e) {
        if (!(e instanceof FileTooLargeError)) throw e;
        return reply.status(413).send({ code: e.code, message: e.zhMessage, details: e.details });
      }
    },
  }),
  route({
    method: 'GET',
    url: '/attachments',
    permission: 'authenticated',
    summary: "A record's attachments (only in the caller's estates)",
    tags,
    schema: { querystring: attachmentListQuery, response: { 200: z.object({ items: z.array(attachmentView) }) } },
    handler: async ({ ctx, db, query }) => ({ items: await listAttachments(db, { ctx, ...query }) }),
  }),
  route({
    method: 'GET',
    url: '/attachments/:id',
    permission: 'authenticated',
    summary: 'Download an attachment (only in the caller\'s estates)',
    tags,
    schema: { params: z.object({ id: z.coerce.number().int().positive() }) },
    handler: async ({ ctx, db, params, reply, deps, req }) => {
      const a = await getAttachment(db, { ctx, id: params.id });
      const stream = openStored(deps.config.dataDir, a.storageKey);
      if (!stream) {
        req.log.error({ attachment: a.id }, 'attachment file missing from storage');
        throw notFound('附件');
      }
      // images may show in the page; PDFs are downloaded. nosniff + a sandboxing CSP keep a
      // crafted file from running as a page of ours.
      const disposition = a.mime.startsWith('image/') ? 'inline' : 'attachment';
      return reply
        .type(a.mime)
        .header('Content-Length', a.sizeBytes)
        .header('Content-Disposition', contentDisposition(a.filename, a.filename.replace(/[^A-Za-z0-9._-]/g, '_'), disposition))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "default-src 'none'; sandbox")
        .header('Cache-Control', 'private, no-store')
        .header('ETag', `"${a.sha256}"`)
        .send(stream);
    },
  }),
] as RouteDef[];

