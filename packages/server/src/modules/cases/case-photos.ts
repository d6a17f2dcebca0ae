import { caseActionRefusal } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { assertCanSee, handlerRefusal, type CaseAccess } from './case-access.ts';
import { loadCase, type CaseRow } from './case-repository.ts';

// A case's photos go through the shared attachments upload (POST /attachments) under two record
// types, recordId = the case id: 'case' — the filer's photos, 'case_evidence' — the handler's
// evidence of the resolution. The attachments module asks this file who may attach and read
// (record-guards.ts). Photos only (the file's own bytes say JPEG, PNG or WebP), at most 5 MB and 9
// per record type and case; a refusal names the file.

export const CASE_PHOTO_RECORD_TYPES = ['case', 'case_evidence'] as const;
export const CASE_PHOTO_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const CASE_PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const CASE_PHOTO_MAX_COUNT = 9;

/** The upload rules of case photos (attachments' upload policy). */
export const CASE_PHOTO_POLICY = {
  mimes: CASE_PHOTO_MIMES as readonly string[],
  maxBytes: CASE_PHOTO_MAX_BYTES,
  refuseType: (filename: string) => `「${filename}」不是图片：照片须为 JPG/PNG/WebP 图片`,
  refuseSize: (filename: string) => `「${filename}」太大：照片不能超过 5 MB`,
};

async function caseOf(db: Db, ctx: RequestContext, recordId: string, forUpdate: boolean): Promise<{ c: CaseRow; access: CaseAccess }> {
  if (!/^\d{1,15}$/.test(recordId)) throw notFound('案件');
  const c = await loadCase(db, Number(recordId), { forUpdate });
  return { c, access: await assertCanSee(db, ctx, c) };
}

/** Who may add a photo to a case, and when. Runs inside the upload's transaction; the case row
 *  is locked so that two uploads racing for the ninth place take turns. */
export async function assertCasePhotoAttachable(
  db: Db, ctx: RequestContext, input: { recordType: string; recordId: string; estateId: number },
): Promise<void> {
  const { c, access } = await caseOf(db, ctx, input.recordId, true);
  if (c.estateId !== input.estateId) throw notFound('案件');
  if (input.recordType === 'case') {
    if (c.filedBy !== ctx.accountId && c.ownerAccountId !== ctx.accountId) {
      throw new AppError('FORBIDDEN', { message: '只有报事人或案件的业主可以上传报事照片' });
    }
    if (c.state !== 'open' && c.state !== 'in_progress') {
      throw new AppError('INVALID_TRANSITION', { message: '案件已办结或已合并，不能再上传报事照片' });
    }
  } else if (input.recordType === 'case_evidence') {
    // evidence belongs to the resolution: the rung's holder, while the case can still be resolved
    const refusal = handlerRefusal(ctx, c, 'resolve', access);
    if (refusal) throw new AppError('FORBIDDEN', { message: refusal.replace(/不能办结$/, '不能上传办结照片') });
    const stateRefusal = caseActionRefusal(c.state, 'resolve');
    if (stateRefusal) throw new AppError('INVALID_TRANSITION', { message: stateRefusal });
  } else {
    throw notFound('案件');
  }
  const n = await db.query('SELECT count(*)::int AS n FROM attachments WHERE record_type = $1 AND record_id = $2', [input.recordType, input.recordId]);
  if (Number(n.rows[0].n) >= CASE_PHOTO_MAX_COUNT) {
    throw new AppError('FILE_REJECTED', {
      message: `每个案件最多上传 ${CASE_PHOTO_MAX_COUNT} 张${input.recordType === 'case' ? '报事' : '办结'}照片`,
      details: { max: CASE_PHOTO_MAX_COUNT },
    });
  }
}

/** A case's photos are seen by whoever may see the case (a called department included). */
export async function assertCasePhotoReadable(db: Db, ctx: RequestContext, input: { recordType: string; recordId: string }): Promise<void> {
  await caseOf(db, ctx, input.recordId, false);
}
