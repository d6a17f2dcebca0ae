import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { publisherKindOf } from './disclosure-party.ts';
import { MY_VISIBLE_NOTICES } from './my-notices.ts';

// Who may attach a file to a notice (POST /attachments with recordType `notice`): only its
// publisher kind, in scope, and only while it is a draft — a published notice's attachments are
// part of what was published. Runs inside the upload's transaction; FOR SHARE holds off a
// publication until the upload commits.

export async function assertNoticeAttachable(db: Db, ctx: RequestContext, input: { recordId: string; estateId: number }): Promise<void> {
  if (!/^[1-9][0-9]{0,17}$/.test(input.recordId)) throw notFound('公告');
  const r = await db.query(`SELECT estate_id, state, publisher_kind FROM notices WHERE id = $1 FOR SHARE`, [input.recordId]);
  const n = r.rows[0];
  if (!n || Number(n.estate_id) !== input.estateId) throw notFound('公告');
  ctx.assertEstate(Number(n.estate_id), '公告');
  if (n.publisher_kind !== publisherKindOf(ctx)) throw notFound('公告');
  if (n.state !== 'draft') throw new AppError('CONFLICT', { message: '公告已发布，不能再添加附件；如需补充请发布更正' });
}

/** Who may see a notice's files (GET /attachments): a draft's only its publisher kind; an owner's
 *  only those of a notice addressed to them (the rule of their notice list). */
export async function assertNoticeReadable(db: Db, ctx: RequestContext, input: { recordId: string }): Promise<void> {
  if (!/^[1-9][0-9]{0,17}$/.test(input.recordId)) throw notFound('公告');
  const r = await db.query(`SELECT estate_id, state, publisher_kind FROM notices WHERE id = $1`, [input.recordId]);
  const n = r.rows[0];
  if (!n) throw notFound('公告');
  ctx.assertEstate(Number(n.estate_id), '公告');
  if (n.state === 'draft' && n.publisher_kind !== publisherKindOf(ctx)) throw notFound('公告');
  if (ctx.scope.unitIds) {
    const v = await db.query(
      `SELECT 1 FROM (${MY_VISIBLE_NOTICES}) v WHERE v.id = $3`,
      [ctx.accountId, null, input.recordId],
    );
    if (!v.rowCount) throw notFound('公告');
  }
}
