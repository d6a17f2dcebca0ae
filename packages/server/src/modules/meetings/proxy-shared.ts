import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { voterKeysFor } from './voter-keys.ts';

// What proxies and paper ballots share: the meeting as the caller may see it, the head (voter
// key) of the frozen roster a request names, and the uploaded document it relies on.

export interface MeetingRow {
  id: number;
  estateId: number;
  title: string;
  state: string;
  rules: string;
  options: Record<string, unknown>;
  votingOpensAt: Date;
  votingClosesAt: Date;
  createdBy: number;
}

/** The meeting, only inside the caller's estates (404 otherwise). `lock`: FOR SHARE, so the
 *  lifecycle (which takes FOR UPDATE) cannot move the state under a write that depends on it. */
export async function loadMeeting(db: Db, opts: { ctx: RequestContext; meetingId: number; lock?: boolean }): Promise<MeetingRow> {
  const r = await db.query(
    `SELECT id, estate_id, title, state, rules, options, voting_opens_at, voting_closes_at, created_by
       FROM meetings WHERE id = $1 ${opts.lock ? 'FOR SHARE' : ''}`,
    [opts.meetingId],
  );
  const m = r.rows[0];
  if (!m) throw notFound('会议');
  opts.ctx.assertEstate(Number(m.estate_id), '会议');
  return {
    id: Number(m.id), estateId: Number(m.estate_id), title: m.title, state: m.state, rules: m.rules, options: m.options ?? {},
    votingOpensAt: m.voting_opens_at, votingClosesAt: m.voting_closes_at, createdBy: Number(m.created_by),
  };
}

const STATE_NAMES: Record<string, string> = {
  draft: '草稿', submitted: '待审核', approved: '已审核', notice_published: '已公告', voting_open: '投票中', closed: '投票已结束',
  tallied: '已计票', result_published: '结果已公布', objection_period: '异议期', final: '已生效', cancelled: '已取消',
};

export function requireState(m: MeetingRow, allowed: readonly string[], what: string): void {
  if (allowed.includes(m.state)) return;
  const allowedNames = allowed.map((s) => STATE_NAMES[s] ?? s).join('或');
  throw new AppError('INVALID_TRANSITION', {
    message: `会议当前为「${STATE_NAMES[m.state] ?? m.state}」，只有在「${allowedNames}」阶段才能${what}`,
    details: { state: m.state, allowed },
  });
}

/** 'o12&o15' → [12, 15] */
export function ownerIdsOfKey(voterKey: string): number[] {
  return voterKey.split('&').map((p) => Number(p.slice(1)));
}

export interface RosterHead {
  voterKey: string;
  ownerIds: number[];
  /** the head's units in roster order: '1栋-101' */
  units: string[];
  unitIds: number[];
  /** the building of each unit, in the same order */
  buildings: string[];
}

/** The head a request names, by voter key or by one of its units, in the meeting's frozen roster.
 *  Field errors name `${prefix}.voterKey` / `${prefix}.unitId`. */
export async function findRosterHead(
  db: Db,
  opts: { meetingId: number; voterKey?: string; unitId?: number; prefix?: string },
): Promise<RosterHead> {
  const prefix = opts.prefix ?? 'body';
  let key = opts.voterKey;
  if (opts.unitId != null) {
    const u = await db.query('SELECT voter_key FROM meeting_roster_units WHERE meeting_id = $1 AND unit_id = $2', [opts.meetingId, opts.unitId]);
    if (!u.rows[0]) throw fieldError(`${prefix}.unitId`, '该房屋不在本次会议的投票名册中');
    const unitKey = u.rows[0].voter_key as string | null;
    if (!unitKey) throw fieldError(`${prefix}.unitId`, '该房屋在投票名册中没有登记业主，不能代其表决');
    if (key && key !== unitKey) throw fieldError(`${prefix}.voterKey`, '投票人与房屋不一致：该房屋不属于这位投票人');
    key = unitKey;
  }
  if (!key) throw fieldError(`${prefix}.voterKey`, '请指定投票人（voterKey）或房屋（unitId）');
  const r = await db.query(
    `SELECT unit_id, building, building || '-' || number AS unit FROM meeting_roster_units
      WHERE meeting_id = $1 AND voter_key = $2 ORDER BY building, number`,
    [opts.meetingId, key],
  );
  if (!r.rows.length) throw fieldError(`${prefix}.voterKey`, '本次会议的投票名册中没有这位投票人');
  return { voterKey: key, ownerIds: ownerIdsOfKey(key), units: r.rows.map((x) => x.unit), unitIds: r.rows.map((x) => Number(x.unit_id)),
    buildings: r.rows.map((x) => x.building) };
}

/** The owner a proxy or sheet speaks for: one of the head's owners (default the first). */
export function pickOwner(head: RosterHead, ownerId: number | undefined, field = 'body.ownerId'): number {
  if (ownerId == null) return head.ownerIds[0]!;
  if (!head.ownerIds.includes(ownerId)) throw fieldError(field, '该业主不是这位投票人（房屋）的业主或共有人');
  return ownerId;
}

/** An uploaded document (written authorisation, scanned ballot): it must belong to the meeting's
 *  estate and have been uploaded by one of `uploaders` (the caller, the meeting's convener). */
export async function checkAttachment(
  db: Db,
  opts: { attachmentId: number; estateId: number; uploaders: number[]; field?: string; what: string },
): Promise<void> {
  const field = opts.field ?? 'body.attachmentId';
  const r = await db.query('SELECT estate_id, uploaded_by FROM attachments WHERE id = $1', [opts.attachmentId]);
  const a = r.rows[0];
  if (!a || Number(a.estate_id) !== opts.estateId) throw fieldError(field, `${opts.what}附件不存在或不属于本小区，请先上传`);
  if (!opts.uploaders.includes(Number(a.uploaded_by))) throw fieldError(field, `${opts.what}须由您本人或会议召集人上传`);
}

/** The heads an account votes for in its own right (an approved binding to an owner of the
 *  head), not as a proxy: an owner may name or withdraw a proxy only for these. The rule is
 *  voter-keys.ts's, so that who may vote and who may delegate never disagree. */
export async function ownVoterKeys(db: Db, opts: { meetingId: number; accountId: number }): Promise<{ voterKey: string; ownerId: number }[]> {
  const grants = await voterKeysFor(db, opts.meetingId, opts.accountId);
  return grants.filter((g) => g.via === 'owner').map((g) => ({ voterKey: g.voterKey, ownerId: g.ownerId }));
}
