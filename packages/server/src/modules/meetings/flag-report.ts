import type { MeetingFlagsQuery, MeetingFlagsView } from '@gongzhi/contracts';
import { isRuleProfileId, monitorMeeting, resolveOptions, type BallotFact } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { loadFlagFacts } from './flag-facts.ts';
import { flagView, type FlagLookups } from './flag-view.ts';

// The street officer's monitoring page: every flag of a meeting with the ballots behind it. The
// rules are the domain's (monitorMeeting); this file loads the facts and what the display needs.

const NOTE = '以下提示由平台按统一的提示标准自动生成（平台规则，非法律规定），仅供核查参考，不影响计票结果。';

export async function meetingFlagReport(db: Db, opts: { ctx: RequestContext; meetingId: number; query: MeetingFlagsQuery }): Promise<MeetingFlagsView> {
  const { ctx, meetingId, query } = opts;
  const m = await db.query(
    `SELECT id, estate_id, state, rules, options,
            floor(extract(epoch FROM voting_opens_at) * 1000)::float8 AS opens_ms,
            floor(extract(epoch FROM voting_closes_at) * 1000)::float8 AS closes_ms
       FROM meetings WHERE id = $1`,
    [meetingId],
  );
  const meeting = m.rows[0];
  if (!meeting) throw notFound('会议');
  ctx.assertEstate(Number(meeting.estate_id), '会议');
  // every role holding meeting.monitor today also holds registry.read; the check stays so that a
  // future monitor-only role sees units and times but no names
  const showNames = ctx.can('registry.read');

  const facts = await loadFlagFacts(db, meetingId);
  // the proxy threshold follows the meeting's own tally options, so monitoring and the result's
  // many_proxies flag use the same number
  const proxyThreshold = isRuleProfileId(meeting.rules)
    ? resolveOptions(meeting.rules, meeting.options ?? {}).proxyFlagThreshold
    : undefined;
  let flags = monitorMeeting({
    meeting: { votingOpensAt: Number(meeting.opens_ms), votingClosesAt: Number(meeting.closes_ms) },
    ballots: facts.ballots,
    proxies: facts.proxies,
    thresholds: proxyThreshold === undefined ? {} : { manyProxies: { moreThan: proxyThreshold } },
  });
  if (query.kind) flags = flags.filter((f) => f.kind === query.kind);

  const ballots = new Map<number, BallotFact>(facts.ballots.map((b) => [b.ballotId, b]));
  const shownKeys = new Set<string>();
  for (const f of flags) for (const id of f.ballotIds.slice(0, query.limit)) shownKeys.add(ballots.get(id)!.voterKey);
  const lookups = await loadLookups(db, { meetingId, voterKeys: [...shownKeys], showNames });
  return {
    meetingId,
    state: meeting.state,
    ballotsExamined: facts.ballots.length,
    namesShown: showNames,
    note: NOTE,
    flags: flags.map((f) => flagView(f, { ...lookups, ballots }, query.limit)),
  };
}

async function loadLookups(db: Db, opts: { meetingId: number; voterKeys: string[]; showNames: boolean }): Promise<Omit<FlagLookups, 'ballots'>> {
  const { meetingId, voterKeys, showNames } = opts;
  const items = await db.query('SELECT id, title FROM meeting_items WHERE meeting_id = $1', [meetingId]);
  const roster = voterKeys.length
    ? await db.query(
        `SELECT voter_key, building, number, owner_ids FROM meeting_roster_units
          WHERE meeting_id = $1 AND voter_key = ANY($2) ORDER BY building, number`,
        [meetingId, voterKeys],
      )
    : { rows: [] };
  const units = new Map<string, string[]>();
  const ownerIds = new Map<string, Set<number>>();
  for (const r of roster.rows) {
    units.set(r.voter_key, [...(units.get(r.voter_key) ?? []), `${r.building}-${r.number}`]);
    const s = ownerIds.get(r.voter_key) ?? new Set<number>();
    for (const id of r.owner_ids as unknown[]) s.add(Number(id));
    ownerIds.set(r.voter_key, s);
  }
  const ownerNames = new Map<string, string[]>();
  const holderNames = new Map<string, string>();
  if (showNames) {
    const ids = [...new Set([...ownerIds.values()].flatMap((s) => [...s]))];
    const names = new Map<number, string>();
    if (ids.length) {
      const o = await db.query('SELECT id, name FROM owners WHERE id = ANY($1)', [ids]);
      for (const r of o.rows) names.set(Number(r.id), r.name);
    }
    for (const [key, s] of ownerIds) ownerNames.set(key, [...s].sort((a, b) => a - b).map((id) => names.get(id) ?? ''));
    const h = await db.query(
      `SELECT DISTINCT ON (holder_account_id) holder_account_id, holder_name FROM meeting_proxies
        WHERE meeting_id = $1 ORDER BY holder_account_id, created_at DESC`,
      [meetingId],
    );
    for (const r of h.rows) holderNames.set(`a${r.holder_account_id}`, r.holder_name);
  }
  return {
    itemTitles: new Map(items.rows.map((r) => [Number(r.id), r.title as string])),
    units,
    ownerNames,
    holderNames,
    showNames,
  };
}
