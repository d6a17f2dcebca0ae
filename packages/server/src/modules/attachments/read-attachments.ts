import type { AttachmentView } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { toAttachmentView } from './attachment-view.ts';
import { assertRecordReadable, scopedByGuard } from './record-guards.ts';

/** One attachment, only if its estate is in the caller's scope (owners: an estate they are bound
 *  in); otherwise it does not exist for them. */
export async function getAttachment(db: Db, opts: { ctx: RequestContext; id: number }): Promise<AttachmentView & { storageKey: string }> {
  const r = await db.query('SELECT * FROM attachments WHERE id = $1', [opts.id]);
  const row = r.rows[0];
  if (!row) throw notFound('附件');
  // a guard that decides scope itself (case photos) is asked instead of the estate scope
  if (!scopedByGuard(String(row.record_type))) opts.ctx.assertEstate(Number(row.estate_id), '附件');
  await assertRecordReadable(db, opts.ctx, { recordType: String(row.record_type), recordId: String(row.record_id) });
  return { ...toAttachmentView(row), storageKey: String(row.storage_key) };
}

/** The attachments of one record, restricted to the caller's estates. */
export async function listAttachments(
  db: Db,
  opts: { ctx: RequestContext; recordType: string; recordId: string },
): Promise<AttachmentView[]> {
  // a record its module hides from the caller has no files for them
  const hidden = await assertRecordReadable(db, opts.ctx, opts).then(() => false, (e) => {
    if ((e as { code?: string }).code === 'NOT_FOUND') return true;
    throw e;
  });
  if (hidden) return [];
  const byGuard = scopedByGuard(opts.recordType);
  const r = await db.query(
    `SELECT * FROM attachments WHERE record_type = $1 AND record_id = $2 AND (estate_id = ANY($3) OR $4)
      ORDER BY created_at, id`,
    [opts.recordType, opts.recordId, opts.ctx.scope.estateIds, byGuard],
  );
  return r.rows.map(toAttachmentView);
}
