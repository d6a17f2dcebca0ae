import {
  pseudonymFor, type DecisionRecord, type ElectionBallot, type ElectionRecord, type Matter, type RuleProfileId,
  type TallyBallot, type TallyOptions, type TallyUnit,
} from '@gongzhi/domain';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';

// An item of a meeting as an open record (TALLY-SPEC §7 decision record, or the election record of
// docs/election-record.md), built from the roster frozen at notice and the item's CURRENT ballots
// (which ballot stands was decided when it was cast: ballot-writer.ts applies the profile's
// precedence). The record is what the server tallies AND what it exports, so anyone recounting
// the export gets the published result, flags included.
//
// Every person in it is a per-meeting pseudonym (pseudonymFor over the meeting's secret salt):
// owners and co-owners by their voter key ('o<id>' / 'o<id>&o<id>'), the developer by 'o<id>',
// proxy holders by 'a<account id>'. Never a name, never a database id of a person.

export interface MeetingForRecord {
  id: number;
  estateId: number;
  rules: RuleProfileId;
  options: Partial<TallyOptions>;
  developerOwnerId: number | null;
  salt: string;
}

export interface RosterForRecord {
  meeting: MeetingForRecord;
  units: TallyUnit[];
  developer: string;
  /** the meeting's pseudonym of a voter key, owner key or account marker (memoised) */
  pseudonym: (key: string) => string;
}

export interface CurrentBallotRow {
  chainSeq: number;
  voterKey: string;
  castByOwnerId: number | null;
  castByAccountId: number | null;
  proxyId: number | null;
  channel: 'online' | 'paper';
  choice: string | null;
  approvals: number[] | null;
  receipt: string;
}

export interface ItemRow {
  id: number;
  position: number;
  kind: 'matter' | 'election';
  matter: Matter;
  title: string;
  seats: number | null;
  scope: { buildings?: string[]; units?: string[] } | null;
}

export type ItemRecord =
  | { kind: 'matter'; item: ItemRow; record: DecisionRecord; receipts: string[] }
  | { kind: 'election'; item: ItemRow; record: ElectionRecord; names: Record<string, string>; candidateIds: number[]; receipts: string[] };

const OPTION_KEYS = ['nonVotersFollowMajority', 'spoiledCountsAsParticipation', 'parkingAreaCounts', 'ballotPrecedence',
  'paperOverridesOnline', 'proxyFlagThreshold'] as const;

/** A candidate's id in records and results: 'c' + meeting_candidates.id. */
export const candidateKey = (id: number) => `c${id}`;

export async function loadMeetingForRecord(db: Db, meetingId: number): Promise<MeetingForRecord> {
  const r = await db.query(
    `SELECT id, estate_id, rules, options, developer_owner_id, pseudonym_salt FROM meetings WHERE id = $1`, [meetingId]);
  const m = r.rows[0];
  if (!m) throw notFound('会议');
  const options: Partial<TallyOptions> = {};
  for (const k of OPTION_KEYS) if (m.options?.[k] !== undefined) (options as Record<string, unknown>)[k] = m.options[k];
  // the salt is generated when the roster is frozen at notice; before that there is no record
  if (!m.pseudonym_salt) throw notFound('会议表决名册');
  return {
    id: Number(m.id), estateId: Number(m.estate_id), rules: m.rules, options,
    developerOwnerId: m.developer_owner_id == null ? null : Number(m.developer_owner_id), salt: m.pseudonym_salt,
  };
}

// The roster, rules, options and developer of a meeting never change once the notice froze them
// (and set the salt), so the record units of a few recent meetings are kept: rebuilding them
// means reading every unit and an HMAC per head, about a second for a 20,000-unit estate.
// Keyed by the salt too: a meeting id alone is not unique across databases (tests run several).
const rosters = new Map<string, Promise<RosterForRecord>>();
const ROSTERS_MAX = 4;

/** The frozen roster as record units (unit key building-number, in unit id order). */
export async function loadRosterForRecord(db: Db, meetingId: number): Promise<RosterForRecord> {
  const meeting = await loadMeetingForRecord(db, meetingId);
  const key = `${meetingId}:${meeting.salt}`;
  let roster = rosters.get(key);
  if (!roster) {
    roster = readRoster(db, meeting);
    rosters.set(key, roster);
    roster.catch(() => rosters.delete(key));
    if (rosters.size > ROSTERS_MAX) rosters.delete(rosters.keys().next().value!);
  }
  return roster;
}

async function readRoster(db: Db, meeting: MeetingForRecord): Promise<RosterForRecord> {
  const memo = new Map<string, string>();
  const pseudonym = (key: string) => {
    let p = memo.get(key);
    if (p === undefined) memo.set(key, (p = pseudonymFor(meeting.salt, key)));
    return p;
  };
  const developer = pseudonym(meeting.developerOwnerId == null ? 'developer' : `o${meeting.developerOwnerId}`);
  const r = await db.query(
    `SELECT unit_id, building, number, kind, status, area_centi, area_source, voter_key
       FROM meeting_roster_units WHERE meeting_id = $1 ORDER BY unit_id`, [meeting.id]);
  const units: TallyUnit[] = r.rows.map((u) => {
    const unit: TallyUnit = {
      unit: `${u.building}-${u.number}`, building: u.building, kind: u.kind, status: u.status,
      areaCenti: Number(u.area_centi), areaSource: u.area_source,
    };
    if (u.status === 'sold') {
      // a sold unit whose owner is unknown is still one head (it counts in the totals) that
      // nobody can vote for: its own pseudonym, by unit
      const key: string = u.voter_key ?? `u${u.unit_id}`;
      unit.owner = pseudonym(key);
      if (key.includes('&')) unit.coOwners = key.split('&').map(pseudonym);
    }
    return unit;
  });
  return { meeting, units, developer, pseudonym };
}

export async function loadItemRow(db: Db, meetingId: number, itemId: number): Promise<ItemRow> {
  const r = await db.query(
    `SELECT id, position, kind, matter, title, seats, scope FROM meeting_items WHERE id = $1 AND meeting_id = $2`, [itemId, meetingId]);
  const i = r.rows[0];
  if (!i) throw notFound('议题');
  return { id: Number(i.id), position: i.position, kind: i.kind, matter: i.matter, title: i.title, seats: i.seats, scope: i.scope };
}

export async function loadCurrentBallots(db: Db, itemId: number): Promise<CurrentBallotRow[]> {
  const r = await db.query(
    `SELECT chain_seq, voter_key, cast_by_owner_id, cast_by_account_id, proxy_id, channel, choice, approvals, receipt
       FROM ballots WHERE item_id = $1 AND status = 'current' ORDER BY chain_seq`, [itemId]);
  return r.rows.map((b) => ({
    chainSeq: b.chain_seq, voterKey: b.voter_key, castByOwnerId: b.cast_by_owner_id,
    castByAccountId: b.cast_by_account_id, proxyId: b.proxy_id, channel: b.channel, choice: b.choice,
    approvals: b.approvals?.map(Number) ?? null, receipt: b.receipt,
  }));
}

/** owner, castBy, proxy, channel, seq of a record ballot (the choice is added by the caller). */
function ballotBase(b: CurrentBallotRow, roster: RosterForRecord): Omit<TallyBallot, 'choice'> {
  // the voter key's pseudonym, as the roster's units carry it (the ballot writer stored the same)
  const owner = roster.pseudonym(b.voterKey);
  const out: Omit<TallyBallot, 'choice'> = { owner, seq: b.chainSeq, channel: b.channel };
  if (b.proxyId != null) {
    // an approved proxy always has its written authorisation on file (an uploaded attachment)
    out.castBy = roster.pseudonym(`a${b.castByAccountId ?? `proxy${b.proxyId}`}`);
    out.proxy = 'written';
  } else if (b.castByOwnerId != null) {
    const castBy = roster.pseudonym(`o${b.castByOwnerId}`);
    if (castBy !== owner) out.castBy = castBy;
  }
  return out;
}

/** Builds the item's record from an already loaded roster (tallyMeeting loads it once for all items). */
export async function buildItemRecord(db: Db, roster: RosterForRecord, item: ItemRow): Promise<ItemRecord> {
  const rows = await loadCurrentBallots(db, item.id);
  const receipts = rows.map((b) => b.receipt);
  const { meeting } = roster;
  if (item.kind === 'election') {
    const c = await db.query(`SELECT id, name FROM meeting_candidates WHERE item_id = $1 ORDER BY position, id`, [item.id]);
    const candidateIds = c.rows.map((x) => Number(x.id));
    const names = Object.fromEntries(c.rows.map((x) => [candidateKey(Number(x.id)), String(x.name)]));
    const ballots: ElectionBallot[] = rows.map((b) => ({ ...ballotBase(b, roster), approvals: (b.approvals ?? []).map(candidateKey) }));
    const record: ElectionRecord = {
      rules: meeting.rules, options: meeting.options, developer: roster.developer, units: roster.units,
      seats: item.seats ?? 1, candidates: candidateIds.map(candidateKey), ballots,
    };
    return { kind: 'election', item, record, names, candidateIds, receipts };
  }
  const ballots: TallyBallot[] = rows.map((b) => ({ ...ballotBase(b, roster), choice: (b.choice ?? 'spoiled') as TallyBallot['choice'] }));
  const record: DecisionRecord = {
    format: 'gongzhi.decision-record/v1', rules: meeting.rules, options: meeting.options, matter: item.matter,
    developer: roster.developer, units: roster.units, ballots,
  };
  const scope = item.scope;
  if (scope && (scope.buildings?.length || scope.units?.length)) {
    record.scope = {
      ...(scope.buildings?.length ? { buildings: scope.buildings } : {}),
      ...(scope.units?.length ? { units: scope.units } : {}),
    };
  }
  return { kind: 'matter', item, record, receipts };
}

/** The item's record from the frozen roster and its current ballots (H4 → H5/H8 interface). */
export async function loadItemRecord(db: Db, meetingId: number, itemId: number): Promise<ItemRecord> {
  const item = await loadItemRow(db, meetingId, itemId);
  return buildItemRecord(db, await loadRosterForRecord(db, meetingId), item);
}

const centiToNumber = (c: number) => c / 100;

function unitJson(u: TallyUnit): Record<string, unknown> {
  return {
    unit: u.unit, building: u.building, kind: u.kind, status: u.status,
    ...(u.owner !== undefined ? { owner: u.owner } : {}),
    ...(u.coOwners ? { coOwners: u.coOwners } : {}),
    area: centiToNumber(u.areaCenti ?? 0), ...(u.areaSource ? { areaSource: u.areaSource } : {}),
  };
}

/** The record as the open JSON format (areas in m² with two decimals), what `gongzhi retally` reads. */
export function itemRecordToJson(r: ItemRecord): Record<string, unknown> {
  const base = { rules: r.record.rules, options: r.record.options, developer: r.record.developer, units: r.record.units.map(unitJson) };
  if (r.kind === 'election') {
    return {
      format: 'gongzhi.election-record/v1', ...base, matter: 3, seats: r.record.seats,
      candidates: r.record.candidates.map((id) => ({ id, name: r.names[id] ?? '' })),
      ballots: r.record.ballots,
    };
  }
  return {
    format: 'gongzhi.decision-record/v1', ...base, matter: r.record.matter,
    ...(r.record.scope ? { scope: r.record.scope } : {}),
    ballots: r.record.ballots,
  };
}
