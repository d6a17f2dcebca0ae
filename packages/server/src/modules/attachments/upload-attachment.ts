import path from 'node:path';
import type { Multipart } from '@fastify/multipart';
import { ATTACHMENT_MIME_TYPES, attachmentUploadFields, type AttachmentView } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { malformedMultipartAs400 } from '../../platform/multipart-errors.ts';
import { moveIntoPlace, newStorageKey, removeQuietly, writeTemp, type TempUpload } from './file-store.ts';
import { toAttachmentView } from './attachment-view.ts';
import { assertRecordAttachable, scopedByGuard, uploadPolicyFor } from './record-guards.ts';

/** Too large: answered 413 by the route (the catalogue's FILE_REJECTED is a 400). */
export class FileTooLargeError extends AppError {
  constructor(maxBytes: number) {
    const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
    super('FILE_REJECTED', { message: `文件过大：单个文件不能超过 ${mb} MB`, details: { maxBytes } });
  }
}

const rejectType = () =>
  new AppError('FILE_REJECTED', { message: '文件类型不符合要求：只接受 PNG、JPEG 图片或 PDF 文件', details: { accepted: ['png', 'jpeg', 'pdf'] } });

/** Reads the multipart request (fields + one file), checks type, size and scope, stores the file
 *  and records it with its audit event. `db` must be a plain connection: this use case runs its
 *  own transaction so that the file is moved into place only while the row is being committed. */
export async function uploadAttachment(opts: {
  ctx: RequestContext;
  db: Db;
  dataDir: string;
  maxBytes: number;
  parts: AsyncIterable<Multipart>;
}): Promise<AttachmentView> {
  const { ctx, db } = opts;
  const fields: Record<string, string> = {};
  let upload: TempUpload | null = null;
  let filename = '';
  let finalPath: string | null = null;
  try {
    try {
      for await (const part of opts.parts) {
        if (part.type === 'field') {
          fields[part.fieldname] = String(part.value);
        } else if (upload) {
          throw new AppError('FILE_REJECTED', { message: '一次只能上传一个文件' });
        } else {
          filename = part.filename;
          upload = await writeTemp(opts.dataDir, part.file);
        }
      }
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw new FileTooLargeError(opts.maxBytes);
      if (code === 'FST_FILES_LIMIT') throw new AppError('FILE_REJECTED', { message: '一次只能上传一个文件' });
      if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw fieldError('body', '请以 multipart/form-data 格式上传文件');
      throw malformedMultipartAs400(e);
    }
    const parsed = attachmentUploadFields.safeParse(fields);
    // a record type with rules of its own (case photos) refuses by them, naming the file
    const policy = parsed.success ? uploadPolicyFor(parsed.data.recordType) : undefined;
    if (policy && upload) {
      const shown = path.basename(String(filename ?? '').replace(/\\/g, '/')).slice(0, 100) || '文件';
      if (!upload.type || upload.size === 0 || !policy.mimes.includes(upload.type.mime)) {
        throw new AppError('FILE_REJECTED', { message: policy.refuseType(shown), details: { filename: shown, accepted: policy.mimes } });
      }
      if (upload.truncated || upload.size > policy.maxBytes) {
        throw new AppError('FILE_REJECTED', { message: policy.refuseSize(shown), details: { filename: shown, maxBytes: policy.maxBytes } });
      }
    }
    if (upload?.truncated || (upload && upload.size > opts.maxBytes)) throw new FileTooLargeError(opts.maxBytes);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw fieldError(`body.${issue.path.join('.')}`, issue.message);
    }
    if (!upload) throw fieldError('body.file', '请选择要上传的文件');
    if (!upload.type || upload.size === 0) throw rejectType();
    // WebP is sniffed for the record types whose policy takes it; the others keep PNG, JPEG, PDF
    if (!policy && !(ATTACHMENT_MIME_TYPES as readonly string[]).includes(upload.type.mime)) throw rejectType();
    const input = parsed.data;
    // a guard that decides scope itself (case photos: a called-in department reaches no estate)
    if (!scopedByGuard(input.recordType)) ctx.assertEstate(input.estateId, '小区');

    const storageKey = newStorageKey();
    const name = safeFilename(filename, upload.type.ext);
    await db.query('BEGIN');
    try {
      // the record's module may refuse (e.g. a notice that is no longer a draft)
      await assertRecordAttachable(db, ctx, input);
      const r = await db.query(
        `INSERT INTO attachments (record_type, record_id, estate_id, filename, mime, size_bytes, sha256, storage_key, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
        [input.recordType, input.recordId, input.estateId, name, upload.type.mime, upload.size, upload.sha256, storageKey, ctx.accountId],
      );
      const row = r.rows[0];
      await appendAudit(db, ctx.actor(), {
        action: 'attachment.upload',
        targetType: 'attachment',
        targetId: Number(row.id),
        estateId: input.estateId,
        summary: { recordType: input.recordType, recordId: input.recordId, filename: name, mime: upload.type.mime, sizeBytes: upload.size, sha256: upload.sha256 },
      });
      // the file takes its place just before the commit; if the commit fails it is removed
      finalPath = await moveIntoPlace(opts.dataDir, upload.tmpPath, storageKey);
      await db.query('COMMIT');
      finalPath = null; // committed: keep it
      return toAttachmentView(row);
    } catch (e) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  } finally {
    await removeQuietly(finalPath);
    await removeQuietly(upload?.tmpPath);
  }
}

/** A display name without any path, control or quoting characters, ending in the real type. */
export function safeFilename(declared: string, ext: string): string {
  const base = path.basename(String(declared ?? '').replace(/\\/g, '/'));
  let name = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim().slice(0, 200);
  if (!name || name === '.' || name === '..') name = '附件';
  if (!name.toLowerCase().endsWith(`.${ext}`) && !(ext === 'jpg' && /\.jpe?g$/i.test(name))) name = `${name}.${ext}`;
  return name;
}
