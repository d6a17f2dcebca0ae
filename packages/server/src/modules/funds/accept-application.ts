import type { FundAcceptBody } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { fieldError } from '../../platform/errors.ts';
import { fundActorFor } from './fund-actor.ts';
import { applicationInScope } from './stages-plan.ts';
import { applicationStateResult, transitionApplication } from './transition-application.ts';

// Acceptance of the works (竣工验收) by the owners' committee together with owner
// representatives, named on the record. Acceptance reports are uploaded beforehand as
// attachments of the application (recordType fund_application.acceptance) and may be named
// here; the confirmation row keeps who accepted, as which role, with whom and when.

export const ACCEPTANCE_RECORD_TYPE = 'fund_application.acceptance';

export async function acceptApplication(
  db: Db,
  opts: { ctx: RequestContext; applicationId: number; now?: Date } & FundAcceptBody,
) {
  const { ctx, applicationId } = opts;
  const a = await applicationInScope(db, ctx, applicationId, true);
  const actor = fundActorFor(ctx, a, 'accept');
  const representatives = [...new Set(opts.ownerRepresentatives.map((x) => x.trim()).filter(Boolean))];
  if (representatives.length === 0) throw fieldError('body.ownerRepresentatives', '至少填写一名参加验收的业主代表');
  const attachmentIds = [...new Set(opts.attachmentIds ?? [])];
  const out = await transitionApplication(db, {
    applicationId, action: 'accept', actor, ctxActor: ctx.actor(), now: opts.now,
    before: async () => {
      if (attachmentIds.length) {
        const r = await db.query(
          `SELECT id FROM attachments WHERE id = ANY($1::bigint[]) AND record_type = $2 AND record_id = $3 AND estate_id = $4`,
          [attachmentIds, ACCEPTANCE_RECORD_TYPE, String(a.id), a.estate_id],
        );
        const found = new Set(r.rows.map((x) => Number(x.id)));
        const i = attachmentIds.findIndex((id) => !found.has(id));
        if (i >= 0) throw fieldError(`body.attachmentIds.${i}`, '不是本申请的验收材料附件');
      }
      await db.query(
        `INSERT INTO fund_application_confirmations (application_id, kind, account_id, role, note, owner_representatives)
         VALUES ($1, 'acceptance', $2, $3, $4, $5)`,
        [a.id, ctx.accountId, ctx.role, opts.note ?? '', representatives],
      );
      return { audit: { ownerRepresentatives: representatives, ...(attachmentIds.length ? { attachmentIds } : {}) } };
    },
  });
  return applicationStateResult(out.application);
}
