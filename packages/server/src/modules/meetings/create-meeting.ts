import { CONVENER_KIND_LABELS, type CreateMeetingBody, type FieldIssue, type UpdateMeetingBody } from '@gongzhi/contracts';
import { checkVotingWindow, isMatter, matterInfo, MEETING_PROFILE_RULES } from '@gongzhi/domain';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { canConvene } from './meeting-actor.ts';
import { fieldErrors } from './meeting-errors.ts';

// A new meeting in draft, with its items and candidates. Everything the request can get wrong
// is reported at once as field errors ('body.items.1.seats'); nothing is written then.
// Whether an election has enough candidates is the street office's approval check
// (checkMeetingForApproval): a draft may still be completed with PUT before it is submitted.

/** Every problem of a meeting's fields and items that does not need the database. */
export function meetingInputIssues(input: UpdateMeetingBody, now: number): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (field: string, message: string) => issues.push({ field: `body.${field}`, message });
  const opensAt = Date.parse(input.votingOpensAt);
  const closesAt = Date.parse(input.votingClosesAt);
  for (const p of checkVotingWindow({ opensAt, closesAt, profileRules: MEETING_PROFILE_RULES[input.rules] })) add(p.field, p.message);
  if (Number.isFinite(opensAt) && opensAt <= now) add('votingOpensAt', '投票开始时间必须晚于当前时间');

  input.items.forEach((item, i) => {
    const f = `items.${i}`;
    // a charging scope (列支范围, TALLY-SPEC §5) limits only maintenance-fund matters (5, 6)
    if (item.scope) {
      const matter = item.kind === 'election' ? 3 : item.matter;
      if (isMatter(matter) && !matterInfo(matter).scopable) add(`${f}.scope`, '只有维修资金事项（第 5、6 类）可以限定列支范围');
      else if (!item.scope.buildings?.length && !item.scope.units?.length) add(`${f}.scope`, '列支范围至少需要一个楼栋或房屋');
    }
    if (item.kind === 'matter') {
      if (item.matter === undefined) add(`${f}.matter`, '请选择表决事项类别（1 至 9，民法典第二百七十八条）');
      if (item.seats !== undefined) add(`${f}.seats`, '只有选举议题才有应选名额');
      if (item.candidates?.length) add(`${f}.candidates`, '只有选举议题才有候选人');
    } else {
      // a committee election is matter 3 (选举业主委员会或者更换业主委员会成员)
      if (item.matter !== undefined && item.matter !== 3) add(`${f}.matter`, '选举业主委员会属于第 3 类事项');
      if (item.seats === undefined || item.seats < 1) add(`${f}.seats`, '应选名额必须是不小于 1 的整数');
      const names = (item.candidates ?? []).map((c) => c.name);
      const dup = names.findIndex((n, j) => names.indexOf(n) !== j);
      if (dup >= 0) add(`${f}.candidates.${dup}.name`, `候选人“${names[dup]}”重复`);
    }
  });
  return issues;
}

/** A charging scope names buildings of the estate and units as 'building-number' (the roster's unit key). */
async function scopeIssues(db: Db, estateId: number, input: UpdateMeetingBody): Promise<FieldIssue[]> {
  if (!input.items.some((it) => it.scope)) return [];
  const r = await db.query(
    `SELECT b.name AS building, b.name || '-' || u.number AS unit_key FROM buildings b LEFT JOIN units u ON u.building_id = b.id
      WHERE b.estate_id = $1`,
    [estateId],
  );
  const buildings = new Set(r.rows.map((x) => String(x.building)));
  const units = new Set(r.rows.map((x) => String(x.unit_key)));
  const issues: FieldIssue[] = [];
  input.items.forEach((it, i) => {
    it.scope?.buildings?.forEach((b, j) => {
      if (!buildings.has(b)) issues.push({ field: `body.items.${i}.scope.buildings.${j}`, message: `本小区没有楼栋“${b}”` });
    });
    it.scope?.units?.forEach((u, j) => {
      if (!units.has(u)) issues.push({ field: `body.items.${i}.scope.units.${j}`, message: `本小区没有房屋“${u}”（格式：楼栋-房号）` });
    });
  });
  return issues;
}

/** Candidates named as owners must own a unit of the estate today. */
async function candidateOwnerIssues(db: Db, estateId: number, input: UpdateMeetingBody): Promise<FieldIssue[]> {
  const wanted = input.items.flatMap((it) => (it.candidates ?? []).map((c) => c.ownerId).filter((x): x is number => x !== undefined));
  if (!wanted.length) return [];
  const r = await db.query(
    `SELECT DISTINCT owner_id FROM ownerships WHERE estate_id = $1 AND valid_to IS NULL AND owner_id = ANY($2::bigint[])`,
    [estateId, wanted],
  );
  const ok = new Set(r.rows.map((x) => Number(x.owner_id)));
  const issues: FieldIssue[] = [];
  input.items.forEach((it, i) => (it.candidates ?? []).forEach((c, j) => {
    if (c.ownerId !== undefined && !ok.has(c.ownerId)) issues.push({ field: `body.items.${i}.candidates.${j}.ownerId`, message: '候选人须为本小区业主' });
  }));
  return issues;
}

export async function validateMeetingInput(db: Db, ctx: RequestContext, estateId: number, input: UpdateMeetingBody): Promise<void> {
  const issues: FieldIssue[] = [];
  if (!canConvene(ctx, input.convenerKind)) {
    issues.push({ field: 'body.convenerKind', message: `当前角色不能以“${CONVENER_KIND_LABELS[input.convenerKind]}”名义召集会议` });
  }
  issues.push(
    ...meetingInputIssues(input, Date.now()),
    ...(await candidateOwnerIssues(db, estateId, input)),
    ...(await scopeIssues(db, estateId, input)),
  );
  if (issues.length) throw fieldErrors(issues);
}

/** Inserts the items and their candidates in the order given (positions from `firstPosition`,
 *  default 1; the fund appends an item to a draft after its existing ones). */
export async function writeItems(db: Db, meetingId: number, items: UpdateMeetingBody['items'], firstPosition = 1): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, item] of items.entries()) {
    const r = await db.query(
      `INSERT INTO meeting_items (meeting_id, position, kind, matter, title, description, seats, scope)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [meetingId, firstPosition + i, item.kind, item.kind === 'election' ? 3 : item.matter, item.title, item.description,
        item.kind === 'election' ? item.seats : null, item.scope ? JSON.stringify(item.scope) : null],
    );
    const itemId = Number(r.rows[0].id);
    ids.push(itemId);
    const cands = item.candidates ?? [];
    if (cands.length) {
      await db.query(
        `INSERT INTO meeting_candidates (item_id, position, name, owner_id, statement)
         SELECT $1, t.pos, t.name, t.owner_id, t.statement
           FROM unnest($2::int[], $3::text[], $4::bigint[], $5::text[]) AS t(pos, name, owner_id, statement)`,
        [itemId, cands.map((_, j) => j + 1), cands.map((c) => c.name), cands.map((c) => c.ownerId ?? null), cands.map((c) => c.statement)],
      );
    }
  }
  return ids;
}

export async function createMeeting(opts: { db: Db; ctx: RequestContext; input: CreateMeetingBody }): Promise<{ id: number }> {
  const { db, ctx, input } = opts;
  ctx.assertEstate(input.estateId, '小区');
  await validateMeetingInput(db, ctx, input.estateId, input);
  const r = await db.query(
    `INSERT INTO meetings (estate_id, title, description, convener_kind, convener_name, rules, options, extraordinary,
       first_meeting, household_count, voting_opens_at, voting_closes_at, allow_change, interim_visible, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
    [input.estateId, input.title, input.description, input.convenerKind, input.convenerName, input.rules,
      JSON.stringify(input.options), input.extraordinary, input.firstMeeting, input.householdCount,
      input.votingOpensAt, input.votingClosesAt, input.allowChange, input.interimVisible, ctx.accountId],
  );
  const id = Number(r.rows[0].id);
  const itemIds = await writeItems(db, id, input.items);
  await appendAudit(db, ctx.actor(), {
    action: 'meeting.create', targetType: 'meeting', targetId: id, estateId: input.estateId,
    summary: { title: input.title, convenerKind: input.convenerKind, rules: input.rules, itemIds },
  });
  return { id };
}
