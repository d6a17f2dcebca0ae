import type { ElectionBallot, ElectionRecord, ElectionResult } from './election-types.ts';
import { parseDecisionRecord } from './record.ts';
import { centiToNumber } from './result-json.ts';

// The open export format of a committee election item, `gongzhi.election-record/v1`
// (docs/election-record.md). TALLY-SPEC §7 defines only the yes/no decision record; an election
// is the same roster and ballots with `seats`, `candidates` and `approvals` in place of `choice`.
// Everything the two formats share is validated by parseDecisionRecord itself (one validator, the
// same field names in its errors); only the election's own fields are checked here.

export const ELECTION_RECORD_FORMAT = 'gongzhi.election-record/v1';

export interface ParsedElectionRecord {
  record: ElectionRecord;
  /** Candidate id → name, for candidates the record names (display only; never counted). */
  names: Record<string, string>;
}

export type ElectionRecordParse = ({ ok: true } & ParsedElectionRecord) | { ok: false; field: string; message: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const bad = (field: string, message: string) => ({ ok: false as const, field, message });

export function parseElectionRecord(input: unknown): ElectionRecordParse {
  if (!isObj(input)) return bad('(root)', '选举记录应为 JSON 对象');
  if (input.format !== ELECTION_RECORD_FORMAT) return bad('format', `应为 "${ELECTION_RECORD_FORMAT}"`);
  if (input.matter !== undefined && input.matter !== null && input.matter !== 3) {
    return bad('matter', '选举业主委员会是第 3 项事项，matter 只能为 3 或省略');
  }
  if (input.scope !== undefined && input.scope !== null) return bad('scope', '选举不能限定列支范围');
  if (input.seats === undefined || input.seats === null) return bad('seats', '缺少必填字段');
  const seats = input.seats;
  if (typeof seats !== 'number' || !Number.isSafeInteger(seats) || seats < 1) return bad('seats', '应为正整数（应选名额）');

  if (!Array.isArray(input.candidates)) return bad('candidates', input.candidates === undefined ? '缺少必填字段' : '应为数组');
  if (input.candidates.length === 0) return bad('candidates', '候选人名单不能为空');
  const candidates: string[] = [];
  const names: Record<string, string> = {};
  for (const [i, c] of input.candidates.entries()) {
    const p = `candidates[${i}]`;
    const id = isObj(c) ? c.id : c;
    const idPath = isObj(c) ? `${p}.id` : p;
    if (typeof id !== 'string' || id.trim() === '') return bad(idPath, '候选人编号应为非空字符串');
    if (candidates.includes(id)) return bad(idPath, `候选人 ${id} 重复`);
    candidates.push(id);
    if (isObj(c) && c.name !== undefined && c.name !== null) {
      if (typeof c.name !== 'string') return bad(`${p}.name`, '应为字符串');
      names[id] = c.name;
    }
  }

  if (!Array.isArray(input.ballots)) return bad('ballots', input.ballots === undefined ? '缺少必填字段' : '应为数组');
  const approvals: string[][] = [];
  for (const [i, b] of input.ballots.entries()) {
    const p = `ballots[${i}]`;
    if (!isObj(b)) return bad(p, '应为对象');
    if (b.approvals === undefined || b.approvals === null) return bad(`${p}.approvals`, '缺少必填字段（赞成的候选人编号，可为空数组）');
    if (!Array.isArray(b.approvals)) return bad(`${p}.approvals`, '应为字符串数组');
    for (const [j, a] of b.approvals.entries()) {
      if (typeof a !== 'string' || a.trim() === '') return bad(`${p}.approvals[${j}]`, '应为非空字符串');
    }
    // unknown candidates and more approvals than seats are NOT format errors: the engine counts
    // such a ballot as spoiled (废票) and flags it, as a person counting paper would
    approvals.push(b.approvals as string[]);
  }

  // the shared part (rules, options, developer, units, ballot owner/castBy/proxy/seq/channel):
  // validated as a matter-3 decision record whose ballots carry a placeholder choice
  const asDecision = {
    ...input,
    format: 'gongzhi.decision-record/v1',
    matter: 3,
    scope: undefined,
    ballots: input.ballots.map((b) => ({ ...(b as Obj), choice: 'abstain' })),
  };
  const parsed = parseDecisionRecord(asDecision);
  if (!parsed.ok) return parsed;
  const { rules, options, developer, units } = parsed.record;
  const ballots: ElectionBallot[] = parsed.record.ballots.map(({ choice: _c, ...rest }, i) => ({ ...rest, approvals: approvals[i]! }));
  return { ok: true, record: { rules, options, developer, units, seats, candidates, ballots }, names };
}

/** The result object `gongzhi retally` prints for an election record: areas as numbers. */
export function electionResultToJson(r: ElectionResult, names: Record<string, string> = {}): Record<string, unknown> {
  const a = centiToNumber;
  return {
    participationMet: r.participationMet,
    seats: r.seats,
    elected: r.elected,
    tieForLastSeat: r.tieForLastSeat,
    seatsUnfilled: r.seatsUnfilled,
    areaTotal: a(r.areaTotalCenti),
    headTotal: r.headTotal,
    areaParticipating: a(r.areaParticipatingCenti),
    headParticipating: r.headParticipating,
    candidates: r.candidates.map((c) => ({
      candidate: c.candidate,
      ...(names[c.candidate] !== undefined ? { name: names[c.candidate] } : {}),
      areaApproval: a(c.approvalAreaCenti),
      headApproval: c.approvalHeads,
      passesThresholds: c.passesThresholds,
      rank: c.rank,
      elected: c.elected,
    })),
    flags: r.flags,
    areaSpoiled: a(r.areaSpoiledCenti),
    headSpoiled: r.headSpoiled,
    areaNoApproval: a(r.areaNoApprovalCenti),
    headNoApproval: r.headNoApproval,
    matter: r.matter,
    rules: r.rules,
    areaSources: r.areaSources,
  };
}
