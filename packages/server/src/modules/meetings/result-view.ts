import type { ItemResultView, MeetingResultsView } from '@gongzhi/contracts';
import { matterInfo, type Matter } from '@gongzhi/domain';
import type { Db } from '../../platform/db.ts';
import type { ResultMeetingRow } from './result-access.ts';

// The tallied result of each item as the API shows it, read from meeting_item_results (written
// once by tallyMeeting). The stored result is the engine's output object (what `gongzhi retally`
// prints: areas in m²); here areas go back to integer centi-m² like the rest of the API.

type Json = Record<string, unknown>;
const centi = (v: unknown) => Math.round(Number(v ?? 0) * 100);
const candidateIdOf = (key: string) => Number(key.replace(/^c/, ''));

export function thresholdsOf(matter: Matter): ItemResultView['thresholds'] {
  const approval = matterInfo(matter).approval;
  const approvalText = approval === 'three-quarters' ? '四分之三以上' : '过半数';
  return {
    participation: 'two-thirds',
    approval,
    text: `参与表决：专有部分面积和人数均占三分之二以上；通过：参与表决的专有部分面积和人数均${approvalText}同意（民法典第278条）`,
  };
}

function present(row: Json): ItemResultView {
  const r = row.result as Json;
  const matter = Number(row.matter) as Matter;
  const election = row.kind === 'election';
  const num = (k: string) => (election ? null : Number(r[k] ?? 0));
  return {
    itemId: Number(row.item_id), position: Number(row.position), kind: row.kind as 'matter' | 'election', matter,
    matterName: matterInfo(matter).name, title: String(row.title), rules: String(r.rules ?? ''),
    thresholds: thresholdsOf(matter),
    areaTotalCenti: centi(r.areaTotal), headTotal: Number(r.headTotal),
    areaParticipatingCenti: centi(r.areaParticipating), headParticipating: Number(r.headParticipating),
    participationMet: Boolean(r.participationMet),
    passed: election ? null : Boolean(r.passed),
    areaYesCenti: election ? null : centi(r.areaYes), headYes: num('headYes'),
    areaNoCenti: election ? null : centi(r.areaNo), headNo: num('headNo'),
    areaAbstainCenti: election ? null : centi(r.areaAbstain), headAbstain: num('headAbstain'),
    areaSpoiledCenti: centi(r.areaSpoiled), headSpoiled: Number(r.headSpoiled ?? 0),
    seats: election ? Number(r.seats) : null,
    candidates: election
      ? (r.candidates as Json[]).map((c) => ({
        candidateId: candidateIdOf(String(c.candidate)), name: String(c.name ?? ''), approvalAreaCenti: centi(c.areaApproval),
        approvalHeads: Number(c.headApproval), passesThresholds: Boolean(c.passesThresholds),
        rank: c.rank == null ? null : Number(c.rank), elected: Boolean(c.elected),
      }))
      : null,
    elected: election ? (r.elected as string[]).map(candidateIdOf) : null,
    tieForLastSeat: election && r.tieForLastSeat ? (r.tieForLastSeat as string[]).map(candidateIdOf) : null,
    seatsUnfilled: election ? Number(r.seatsUnfilled) : null,
    flags: (r.flags as ItemResultView['flags']) ?? [],
    merkleRoot: String(row.merkle_root),
    ballotCount: Number(row.ballot_count),
    talliedAt: (row.tallied_at as Date).toISOString(),
  };
}

export async function loadMeetingResults(db: Db, m: ResultMeetingRow): Promise<MeetingResultsView> {
  const r = await db.query(
    `SELECT i.id AS item_id, i.position, i.kind, i.matter, i.title, res.result, res.merkle_root, res.ballot_count, res.tallied_at
       FROM meeting_items i JOIN meeting_item_results res ON res.item_id = i.id
      WHERE i.meeting_id = $1 ORDER BY i.position`,
    [m.id],
  );
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    meetingId: Number(m.id), estateId: Number(m.estate_id), estateName: m.estate_name, title: m.title, convenerName: m.convener_name,
    state: m.state, votingOpensAt: m.voting_opens_at.toISOString(), votingClosesAt: m.voting_closes_at.toISOString(),
    talliedAt: iso(m.tallied_at), resultPublishedAt: iso(m.result_published_at),
    items: r.rows.map(present),
  };
}
