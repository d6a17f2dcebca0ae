import { checkMeetingForApproval } from '@gongzhi/domain';
import type { Db } from '../../platform/db.ts';
import { dottedField, fieldErrors } from './meeting-errors.ts';
import { loadItems, type MeetingRow } from './meeting-repository.ts';
import { rosterHouseholdCount } from './freeze-roster.ts';

// What the street office checks before it approves (the domain's checkMeetingForApproval), with
// the facts only the registry knows: whether a committee is in office today and the number of
// heads in the roster. Every problem comes back at once, as field errors.

async function committeeInOffice(db: Db, estateId: number): Promise<boolean> {
  const r = await db.query(
    `SELECT 1 FROM committees WHERE estate_id = $1 AND kind = 'committee'
        AND term_start <= (now() AT TIME ZONE 'Asia/Shanghai')::date AND term_end >= (now() AT TIME ZONE 'Asia/Shanghai')::date LIMIT 1`,
    [estateId],
  );
  return r.rows.length > 0;
}

/** Run as the `before` step of the approve transition (the meeting row is locked). */
export async function assertApprovable(db: Db, m: MeetingRow): Promise<void> {
  const items = await loadItems(db, m.id);
  const problems = checkMeetingForApproval({
    convenerKind: m.convener_kind,
    committeeExists: await committeeInOffice(db, m.estate_id),
    firstMeeting: m.first_meeting,
    householdCount: Number(m.household_count),
    rosterHouseholdCount: await rosterHouseholdCount(db, m.estate_id),
    items: items.map((i) => (i.kind === 'election'
      ? { kind: 'election' as const, seats: i.seats ?? 0, candidates: i.candidates.map((c) => c.name), title: i.title }
      : { kind: 'matter' as const, matter: i.matter, title: i.title })),
  });
  if (problems.length) throw fieldErrors(problems.map((p) => ({ field: dottedField(p.field), message: p.message })));
}
