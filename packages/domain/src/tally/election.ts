import { resolveBallots, type ChoiceReader } from './ballots.ts';
import { sortFlags, type TallyFlag } from './flags.ts';
import { buildRoster } from './heads.ts';
import { RULE_PROFILES, resolveOptions } from './profiles.ts';
import { approvalHolds, participationHolds } from './thresholds.ts';
import type { DecisionRecord, TallyBallot } from './types.ts';
import type {
  CandidateResult, ElectionBallot, ElectionFlag, ElectionRecord, ElectionResult,
} from './election-types.ts';

// Committee election with N seats (issue 3; 民法典 第278条 matter 3). Who counts, which ballot
// stands, proxies, co-owners and profiles are the yes/no engine's own (buildRoster,
// resolveBallots): an election ballot is handed to it as a yes/abstain/spoiled ballot and read
// back by its position. Then each candidate is tested like a matter-3 item of its own:
// participation over the whole election item, approval > 1/2 of participating area AND heads.
// More qualifiers than seats: rank by heads, then area; a tie at the last seat is reported,
// never broken (seats stay open for a person to decide).
//
// `nonVotersFollowMajority` is not applied: deemed votes have no candidate to follow, so
// participation and approval are judged on actual ballots only.

const MATTER = 3;

type BallotReading =
  | { kind: 'ok'; approvals: string[] }
  | { kind: 'too_many'; approvals: string[] }
  | { kind: 'unknown'; unknown: string[] };

/** Duplicates of one candidate on one ballot count once; unknown ids or more than N spoil it. */
function readBallot(b: ElectionBallot, seats: number, known: Set<string>): BallotReading {
  const approvals = [...new Set(b.approvals)];
  const unknown = approvals.filter((c) => !known.has(c));
  if (unknown.length > 0) return { kind: 'unknown', unknown };
  if (approvals.length > seats) return { kind: 'too_many', approvals };
  return { kind: 'ok', approvals };
}

function checkRecord(record: ElectionRecord): void {
  if (!Number.isInteger(record.seats) || record.seats < 1) throw new RangeError('seats must be a positive integer');
  if (new Set(record.candidates).size !== record.candidates.length) throw new RangeError('duplicate candidate id');
}

export function tallyElection(record: ElectionRecord): ElectionResult {
  checkRecord(record);
  const options = resolveOptions(record.rules, record.options);
  const profile = RULE_PROFILES[record.rules];
  const known = new Set(record.candidates);
  const readings = record.ballots.map((b) => readBallot(b, record.seats, known));

  // The shared engine sees a spoiled ballot as spoiled, any other as yes/abstain; the reader
  // makes it compare (and describe) the approved sets when one owner's ballots differ.
  const asTally: TallyBallot[] = record.ballots.map(({ approvals: _a, ...rest }, i) => {
    const r = readings[i]!;
    return { ...rest, choice: r.kind !== 'ok' ? 'spoiled' : r.approvals.length > 0 ? 'yes' : 'abstain' };
  });
  const reader: ChoiceReader = {
    key: (_b, i) => { const r = readings[i]!; return r.kind === 'ok' ? [...r.approvals].sort().join('\u0000') : '\u0001spoiled'; },
    label: (_b, i) => { const r = readings[i]!; return r.kind !== 'ok' ? '废票' : r.approvals.length ? `赞成 ${r.approvals.join('、')}` : '未赞成任何候选人'; },
  };
  const decision: DecisionRecord = {
    format: 'gongzhi.decision-record/v1', rules: record.rules, options: record.options, matter: MATTER,
    developer: record.developer, units: record.units, ballots: asTally,
  };
  const roster = buildRoster(decision, options);
  const resolved = resolveBallots(asTally, roster, profile, options, reader);
  const flags: ElectionFlag[] = [...resolved.flags];

  let spoiled = { area: 0, heads: 0 };
  let empty = { area: 0, heads: 0 };
  let part = { area: 0, heads: 0 };
  const approvals = new Map(record.candidates.map((c) => [c, { area: 0, heads: 0 }]));
  const standing: ElectionResult['standing'] = [];
  const standingIndex = new Set<number>();
  for (const id of roster.order) {
    const s = resolved.standing.get(id);
    if (!s) continue;
    const area = roster.heads.get(id)!.areaCenti;
    const r = readings[s.ballotIndex]!;
    standingIndex.add(s.ballotIndex);
    const add = (d: { area: number; heads: number }) => ({ area: d.area + area, heads: d.heads + 1 });
    if (r.kind !== 'ok') {
      spoiled = add(spoiled);
      if (options.spoiledCountsAsParticipation) part = add(part);
      standing.push({ headId: id, ballotIndex: s.ballotIndex, spoiled: true, approvals: [] });
      continue;
    }
    part = add(part);
    if (r.approvals.length === 0) empty = add(empty);
    for (const c of r.approvals) approvals.set(c, add(approvals.get(c)!));
    standing.push({ headId: id, ballotIndex: s.ballotIndex, spoiled: false, approvals: r.approvals });
  }

  // every spoiled ballot the engine accepted as the owner's is flagged; it counts (toward
  // participation only) when it stands and the profile lets spoiled ballots participate
  const invalidIndices = new Set(flags.filter((f) => !f.counted).flatMap((f) => f.ballots));
  readings.forEach((r, index) => {
    if (r.kind === 'ok' || invalidIndices.has(index)) return;
    const b = record.ballots[index]!;
    const counted = standingIndex.has(index) && options.spoiledCountsAsParticipation;
    const effect = counted ? '作废票处理：计入参与表决，不计为赞成任何候选人' : standingIndex.has(index)
      ? '作废票处理：本规则下废票不计入参与表决' : '作废票处理；该业主另有一张表决票为准';
    flags.push(r.kind === 'too_many'
      ? { kind: 'too_many_approvals', owner: b.owner, castBy: b.castBy ?? b.owner, ballots: [index], counted,
          reading: `赞成了 ${r.approvals.length} 名候选人，超过应选名额 ${record.seats} 名，${effect}` }
      : { kind: 'unknown_candidate', owner: b.owner, castBy: b.castBy ?? b.owner, ballots: [index], counted,
          reading: `赞成的 ${r.unknown.join('、')} 不在候选人名单中，${effect}` });
  });

  const total = { area: roster.areaTotalCenti, heads: roster.headTotal };
  const participationMet = participationHolds(part, total);
  const passes = (c: string) => participationMet && approvalHolds(MATTER, approvals.get(c)!, part);
  const qualifiers = record.candidates.filter(passes)
    .sort((a, b) => approvals.get(b)!.heads - approvals.get(a)!.heads || approvals.get(b)!.area - approvals.get(a)!.area);
  const same = (a: string, b: string) =>
    approvals.get(a)!.heads === approvals.get(b)!.heads && approvals.get(a)!.area === approvals.get(b)!.area;

  // competition ranking: equal heads and area share a rank
  const rank = new Map<string, number>();
  qualifiers.forEach((c, i) => rank.set(c, i > 0 && same(c, qualifiers[i - 1]!) ? rank.get(qualifiers[i - 1]!)! : i + 1));
  const elected: string[] = [];
  let tieForLastSeat: string[] | null = null;
  for (let i = 0; i < qualifiers.length && elected.length < record.seats;) {
    const group = qualifiers.filter((c) => rank.get(c) === rank.get(qualifiers[i]!));
    if (elected.length + group.length <= record.seats) elected.push(...group);
    else tieForLastSeat = group;
    if (tieForLastSeat) break;
    i += group.length;
  }
  if (tieForLastSeat) {
    const a = approvals.get(tieForLastSeat[0]!)!;
    flags.push({ kind: 'tie_for_last_seat', ballots: [], counted: false, candidates: tieForLastSeat,
      reading: `候选人 ${tieForLastSeat.join('、')} 的赞成人数（${a.heads} 人）和面积均相同，争夺剩余 ${record.seats - elected.length} 个席位；引擎不作裁决，均未当选，请按议事规则由人决定` });
  }

  const electedSet = new Set(elected);
  const candidates: CandidateResult[] = record.candidates.map((c) => ({
    candidate: c,
    approvalAreaCenti: approvals.get(c)!.area,
    approvalHeads: approvals.get(c)!.heads,
    passesThresholds: rank.has(c),
    rank: rank.get(c) ?? null,
    elected: electedSet.has(c),
  }));

  return {
    matter: MATTER, rules: record.rules, options, seats: record.seats, participationMet,
    areaTotalCenti: total.area, headTotal: total.heads,
    areaParticipatingCenti: part.area, headParticipating: part.heads,
    areaSpoiledCenti: spoiled.area, headSpoiled: spoiled.heads,
    areaNoApprovalCenti: empty.area, headNoApproval: empty.heads,
    candidates, elected, tieForLastSeat, seatsUnfilled: record.seats - elected.length,
    areaSources: roster.areaSources, standing, flags: sortElectionFlags(flags),
  };
}

/** The engine's stable order for its own kinds, then election kinds in a fixed order. */
function sortElectionFlags(flags: ElectionFlag[]): ElectionFlag[] {
  const engineKinds = new Set<string>(['non_owner', 'out_of_scope', 'unit_not_owned', 'not_designated_voter',
    'oral_proxy', 'many_proxies', 'co_owner_conflict', 'multi_unit_split', 'conflicting_ballots', 'after_close']);
  const engine = sortFlags(flags.filter((f) => engineKinds.has(f.kind)) as TallyFlag[]);
  const order = ['too_many_approvals', 'unknown_candidate', 'tie_for_last_seat'];
  const own = flags.filter((f) => !engineKinds.has(f.kind))
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || (a.ballots[0] ?? -1) - (b.ballots[0] ?? -1));
  return [...engine, ...own];
}
