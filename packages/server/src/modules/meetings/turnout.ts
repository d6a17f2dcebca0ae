import type { MeetingTurnoutView } from '@gongzhi/contracts';
import { tally, tallyElection } from '@gongzhi/domain';
import type { Db } from '../../platform/db.ts';
import { buildItemRecord, loadRosterForRecord } from './decision-records.ts';
import { CLOSED_STATES, type ResultMeetingRow } from './result-access.ts';
import { loadItems } from './tally-meeting.ts';

// Live turnout (参与情况): participation in area and heads over the frozen roster, computed by the
// tally engine on the current ballots, so that the figures owners watch are the ones the tally
// will use. Interim yes/no only where the meeting shows it, or once voting has ended.
//
// A 20,000-unit estate takes a few hundred ms to recount, and every owner's phone polls: the
// answer is cached per meeting, stamped with the sum of its items' chain lengths (every accepted
// ballot — new, replacing or confirmed paper — lengthens a chain; nothing else changes the
// current ballots once the roster is frozen) and with the state (interim visibility changes at
// close). A stale stamp is recomputed; the stamp is read on every request, so no ballot is missed.

const cache = new Map<number, { stamp: string; view: Promise<MeetingTurnoutView> }>();
const CACHE_MAX = 200;

async function stampOf(db: Db, m: ResultMeetingRow): Promise<string> {
  const r = await db.query('SELECT coalesce(sum(chain_length), 0)::bigint AS n FROM meeting_items WHERE meeting_id = $1', [m.id]);
  // the salt is unique per meeting: two databases in one process (tests) never share a stamp
  return `${m.pseudonym_salt}:${r.rows[0].n}:${m.state}:${m.interim_visible}`;
}

export async function meetingTurnout(db: Db, m: ResultMeetingRow): Promise<MeetingTurnoutView> {
  const stamp = await stampOf(db, m);
  const hit = cache.get(Number(m.id));
  // the promise is kept, so requests arriving while it is computed share the one computation
  if (hit && hit.stamp === stamp) return hit.view;
  const view = computeTurnout(db, m);
  cache.delete(Number(m.id));
  cache.set(Number(m.id), { stamp, view });
  view.catch(() => { if (cache.get(Number(m.id))?.view === view) cache.delete(Number(m.id)); });
  // Map keeps insertion order: drop the least recently computed meeting
  if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!);
  return view;
}

async function computeTurnout(db: Db, m: ResultMeetingRow): Promise<MeetingTurnoutView> {
  const interimShown = m.interim_visible || CLOSED_STATES.has(m.state);
  const roster = await loadRosterForRecord(db, Number(m.id));
  const items: MeetingTurnoutView['items'] = [];
  for (const item of await loadItems(db, Number(m.id))) {
    const rec = await buildItemRecord(db, roster, item);
    const base = { itemId: item.id, position: item.position, kind: item.kind, matter: item.matter, title: item.title, ballotCount: rec.receipts.length };
    if (rec.kind === 'election') {
      const r = tallyElection(rec.record);
      items.push({
        ...base, areaTotalCenti: r.areaTotalCenti, headTotal: r.headTotal, areaParticipatingCenti: r.areaParticipatingCenti,
        headParticipating: r.headParticipating, participationMet: r.participationMet, interim: null,
        interimCandidates: interimShown
          ? r.candidates.map((c, i) => ({ candidateId: rec.candidateIds[i]!, name: rec.names[c.candidate] ?? '', approvalAreaCenti: c.approvalAreaCenti, approvalHeads: c.approvalHeads }))
          : null,
      });
    } else {
      const r = tally(rec.record);
      items.push({
        ...base, areaTotalCenti: r.areaTotalCenti, headTotal: r.headTotal, areaParticipatingCenti: r.areaParticipatingCenti,
        headParticipating: r.headParticipating, participationMet: r.participationMet,
        interim: interimShown ? {
          areaYesCenti: r.areaYesCenti, headYes: r.headYes, areaNoCenti: r.areaNoCenti, headNo: r.headNo,
          areaAbstainCenti: r.areaAbstainCenti, headAbstain: r.headAbstain,
        } : null,
        interimCandidates: null,
      });
    }
  }
  return { meetingId: Number(m.id), state: m.state, interimShown, items };
}
