import { caseActionRefusal } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { assertCanAct, assertCanSee } from './case-access.ts';
import { addCaseEvents } from './case-events.ts';
import { partyOfRole } from './case-actor.ts';
import { notifyFollowers } from './case-notify.ts';
import { caseFromRow, loadCase, type CaseRow } from './case-repository.ts';

// Staff holding the surviving case's rung merge a duplicate into it: the duplicate → 'merged'
// (merged_into_id, no deadline runs), and its owner and followers follow the survivor from then
// on (case_followers.via_case_id names the case that brought them), so every one of them sees the
// survivor's timeline. Both cases: same estate, open or in progress, seen by the caller.

export async function mergeCase(o: { db: Db; ctx: RequestContext; caseId: number; intoCaseId: number }): Promise<CaseRow> {
  const { db, ctx } = o;
  if (o.caseId === o.intoCaseId) throw fieldError('body.intoCaseId', '不能把案件合并到它自己');
  // both rows locked in id order: two merges of the same pair in opposite directions wait, not deadlock
  const r = await db.query('SELECT * FROM cases WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE', [[o.caseId, o.intoCaseId]]);
  const byId = new Map(r.rows.map((x) => [Number(x.id), caseFromRow(x)]));
  const dup = byId.get(o.caseId);
  if (!dup) throw notFound('案件');
  const dupAccess = await assertCanSee(db, ctx, dup);
  const into = byId.get(o.intoCaseId);
  if (!into) throw fieldError('body.intoCaseId', '要合并到的案件不存在');
  const intoAccess = await assertCanSee(db, ctx, into).catch(() => { throw fieldError('body.intoCaseId', '要合并到的案件不存在'); });
  if (into.estateId !== dup.estateId) throw fieldError('body.intoCaseId', '只能合并同一小区的案件');
  assertCanAct(ctx, into, 'merge', intoAccess);
  // merging ends the duplicate: an action on it too, so its rung must be the caller's as well
  // (the company may not fold a complaint escalated above it into a case it still holds)
  assertCanAct(ctx, dup, 'merge', dupAccess);
  const refusal = caseActionRefusal(dup.state, 'merge');
  if (refusal) throw new AppError('INVALID_TRANSITION', { message: refusal, details: { state: dup.state } });
  if (caseActionRefusal(into.state, 'merge')) {
    throw new AppError('INVALID_TRANSITION', { message: `案件 ${into.no} 已不在办理中，不能合并到该案件`, details: { intoState: into.state } });
  }

  const now = new Date();
  await db.query(
    `UPDATE cases SET state = 'merged', merged_into_id = $2, next_due_at = NULL, updated_at = $3 WHERE id = $1`,
    [dup.id, into.id, now],
  );
  // the duplicate's owner and its followers (themselves perhaps brought by earlier merges)
  const added = await db.query(
    `INSERT INTO case_followers (case_id, account_id, since, via_case_id)
     SELECT $1, a.account_id, $3, $2
       FROM (SELECT owner_account_id AS account_id FROM cases WHERE id = $2 AND owner_account_id IS NOT NULL
             UNION SELECT account_id FROM case_followers WHERE case_id = $2) a
      WHERE a.account_id IS DISTINCT FROM $4
     ON CONFLICT (case_id, account_id) DO NOTHING
     RETURNING account_id`,
    [into.id, dup.id, now, into.ownerAccountId],
  );
  const followersAdded = added.rows.length;
  const who = { actorAccountId: ctx.accountId, actorRole: ctx.role, actorParty: partyOfRole(ctx.role), at: now };
  await addCaseEvents(db, [
    { ...who, caseId: dup.id, kind: 'merged', text: `与案件 ${into.no} 反映的是同一问题，已合并到该案件办理`, data: { intoCaseId: into.id, intoNo: into.no } },
    { ...who, caseId: into.id, kind: 'merged_in', text: `案件 ${dup.no} 反映的是同一问题，已合并到本案件办理`, data: { fromCaseId: dup.id, fromNo: dup.no, followersAdded } },
  ]);
  // the duplicate's people learn where their case went (they now follow the survivor)
  await notifyFollowers(db, { caseIds: [dup.id], kind: 'merged', now, exceptAccountId: ctx.accountId });
  await appendAudit(db, ctx.actor(), {
    action: 'case.merge', targetType: 'case', targetId: dup.id, estateId: dup.estateId,
    summary: { no: dup.no, intoCaseId: into.id, intoNo: into.no, followersAdded },
  });
  return loadCase(db, dup.id);
}
