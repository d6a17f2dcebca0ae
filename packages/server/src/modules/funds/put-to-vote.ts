import { formatYuan } from '@gongzhi/contracts';
import type { FieldIssue, MeetingItemInput, PutToVoteBody } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { actorKindsFor, createMeeting, rosterHouseholdCount, writeItems } from '../meetings/index.ts';
import { findApplicationUnsafe, type FundApplicationRow } from './application-repository.ts';
import { fundActorFor } from './fund-actor.ts';
import { scopeBuildingNames } from './scope-units.ts';
import { transitionApplication, type FundTransitionOutcome } from './transition-application.ts';

// The ordinary path (办法 第22条): the committee puts a submitted application to the owners as a
// matter-5 item (使用维修资金, 民法典 第278条) limited to its charging scope (TALLY-SPEC §5), in a
// DRAFT meeting of the estate — one it convenes already, or a new one made by the meetings
// module's own use case. The item is appended after the draft's items (never rewritten: other
// applications may already hang on them). The application then waits for the meeting's result.


async function itemFor(db: Db, a: FundApplicationRow): Promise<MeetingItemInput> {
  let scope: { buildings?: string[]; units?: string[] };
  let scopeText: string;
  if (a.scope_kind === 'buildings') {
    const names = await scopeBuildingNames(db, a.scope_building_ids);
    scope = { buildings: names };
    scopeText = names.join('、');
  } else {
    // the frozen shares, in the fund's unit order
    const r = await db.query(
      `SELECT b.name || '-' || u.number AS unit FROM fund_application_shares s JOIN units u ON u.id = s.unit_id
         JOIN buildings b ON b.id = u.building_id WHERE s.application_id = $1 ORDER BY s.position`,
      [a.id],
    );
    scope = { units: r.rows.map((x) => String(x.unit)) };
    scopeText = `${a.scope_kind === 'facility' ? `${a.facility_name}涉及的` : ''}${r.rows.length} 户`;
  }
  const title = `使用专项维修资金：${a.title}`.slice(0, 200);
  const description = [
    a.reason,
    `预算 ${formatYuan(Number(a.budget_fen))} 元，由列支范围（${scopeText}）内业主按专有部分面积分摊，每户分摊额见申请详情。`,
    a.contractor_name ? `施工单位：${a.contractor_name}。` : '',
    `（维修资金使用申请 #${a.id}）`,
  ].filter(Boolean).join('\n').slice(0, 5000);
  return { kind: 'matter', matter: 5, title, description, scope };
}

/** Prefix the meetings module's field names with 'body.newMeeting.' where they are the new meeting's fields. */
function remapNewMeetingIssues(e: unknown): unknown {
  if (!(e instanceof AppError) || e.code !== 'VALIDATION_FAILED') return e;
  const issues = (e.details as { issues?: FieldIssue[] } | undefined)?.issues;
  if (!issues) return e;
  const mapped = issues.map((i) => ({ ...i, field: i.field.replace(/^body\.(title|votingOpensAt|votingClosesAt|rules)\b/, 'body.newMeeting.$1') }));
  return new AppError('VALIDATION_FAILED', { message: mapped.map((i) => `${i.field}: ${i.message}`).join('；'), details: { issues: mapped } });
}

async function appendToDraft(db: Db, ctx: RequestContext, a: FundApplicationRow, meetingId: number, item: MeetingItemInput): Promise<number> {
  const r = await db.query(
    `SELECT id, estate_id, state, convener_kind, (SELECT COALESCE(max(position), 0) FROM meeting_items WHERE meeting_id = m.id) AS last
       FROM meetings m WHERE id = $1 FOR UPDATE`,
    [meetingId],
  );
  const m = r.rows[0];
  // a meeting of another estate does not exist for this application (nothing about it is told)
  if (!m || Number(m.estate_id) !== Number(a.estate_id)) throw fieldError('body.meetingId', '本小区没有这个会议');
  if (m.state !== 'draft') throw fieldError('body.meetingId', '只能加入草稿状态的会议（已提交或已公告的会议不能再增加表决事项）');
  if (!actorKindsFor(ctx.role, m.convener_kind).includes('convener')) {
    throw new AppError('FORBIDDEN', { message: '只有该会议的召集人可以在会议中增加表决事项' });
  }
  const [itemId] = await writeItems(db, Number(m.id), [item], Number(m.last) + 1);
  await db.query(`UPDATE meetings SET updated_at = now() WHERE id = $1`, [m.id]);
  await appendAudit(db, ctx.actor(), {
    action: 'meeting.update', targetType: 'meeting', targetId: Number(m.id), estateId: Number(a.estate_id),
    summary: { addedItemId: itemId, matter: 5, fundApplicationId: Number(a.id) },
  });
  return itemId!;
}

async function newMeeting(db: Db, ctx: RequestContext, a: FundApplicationRow, nm: Extract<PutToVoteBody, { newMeeting: unknown }>['newMeeting'], item: MeetingItemInput): Promise<{ meetingId: number; itemId: number }> {
  const estateId = Number(a.estate_id);
  const c = await db.query(
    `SELECT name FROM committees WHERE estate_id = $1 AND kind = 'committee' AND term_start <= current_date AND term_end >= current_date
      ORDER BY term_start DESC LIMIT 1`,
    [estateId],
  );
  let meetingId: number;
  try {
    ({ id: meetingId } = await createMeeting({
      db, ctx,
      input: {
        estateId, title: nm.title, description: '', convenerKind: 'committee', convenerName: c.rows[0]?.name ?? '业主委员会',
        rules: nm.rules, options: {}, extraordinary: false, firstMeeting: false,
        householdCount: Math.max(1, await rosterHouseholdCount(db, estateId)),
        votingOpensAt: nm.votingOpensAt, votingClosesAt: nm.votingClosesAt, allowChange: true, interimVisible: false, items: [item],
      },
    }));
  } catch (e) {
    throw remapNewMeetingIssues(e);
  }
  const it = await db.query(`SELECT id FROM meeting_items WHERE meeting_id = $1 ORDER BY position LIMIT 1`, [meetingId]);
  return { meetingId, itemId: Number(it.rows[0].id) };
}

export async function putToVote(opts: { db: Db; ctx: RequestContext; applicationId: number; input: PutToVoteBody }): Promise<FundTransitionOutcome & { meetingId: number; itemId: number }> {
  const { db, ctx, input } = opts;
  const a = await findApplicationUnsafe(db, opts.applicationId);
  if (!a) throw notFound('维修资金使用申请');
  ctx.assertEstate(Number(a.estate_id), '维修资金使用申请');
  let link = { meetingId: 0, itemId: 0 };
  const out = await transitionApplication(db, {
    applicationId: Number(a.id), action: 'put_to_vote', actor: fundActorFor(ctx, a, 'put_to_vote'), ctxActor: ctx.actor(),
    assertScope: (row) => ctx.assertEstate(Number(row.estate_id), '维修资金使用申请'),
    before: async (row) => {
      const item = await itemFor(db, row);
      link = 'meetingId' in input
        ? { meetingId: input.meetingId, itemId: await appendToDraft(db, ctx, row, input.meetingId, item) }
        : await newMeeting(db, ctx, row, input.newMeeting, item);
      return { set: { meeting_id: link.meetingId, meeting_item_id: link.itemId }, audit: { meetingId: link.meetingId, itemId: link.itemId } };
    },
  });
  return { ...out, ...link };
}
