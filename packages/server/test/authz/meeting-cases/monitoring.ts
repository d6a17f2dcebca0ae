import type { CaseArgs, RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the monitoring routes of the meetings module (issue 3).
// Each case gets a fresh meeting, open for voting, on the target side (made with SQL: the matrix
// is about who may call the route, and the manual reminder's once-an-hour throttle must not turn
// the second allowed role's call into a 429). The meeting's head on that side has a current
// ballot from a shared address, and nine more heads voted from it, so the flags answer has a
// flag whose ballots name the side's building (its marker): an allowed call shows the target.

async function votingMeeting(a: CaseArgs): Promise<number> {
  const pool = a.fx.t.pool;
  const m = await pool.query(
    `INSERT INTO meetings (estate_id, title, convener_kind, convener_name, rules, household_count, state,
                           voting_opens_at, voting_closes_at, notice_published_at, created_by)
     VALUES ($1, $2, 'committee', $3, 'civil-code-2021', 10, 'voting_open',
             now() - interval '1 day', now() + interval '6 days', now() - interval '20 days', $4) RETURNING id`,
    [a.side.estateId, `监测会议${a.side.marker}`, `业委会${a.side.marker}`, a.fx.login.id],
  );
  const meetingId = Number(m.rows[0].id);
  const item = await pool.query(
    `INSERT INTO meeting_items (meeting_id, position, kind, matter, title) VALUES ($1, 1, 'matter', 1, '议事规则') RETURNING id`,
    [meetingId],
  );
  const itemId = Number(item.rows[0].id);
  // the side's unit, owned by the side's owner (whom the owner role is bound to on side A)
  await pool.query(
    `INSERT INTO meeting_roster_units (meeting_id, unit_id, building, number, kind, status, area_centi, area_source, owner_ids, voter_key)
     VALUES ($1, $2, $3, '101', 'residential', 'sold', 9000, 'registry', ARRAY[$4::bigint], $5)`,
    [meetingId, a.side.unitId, a.side.buildingName, a.side.ownerId, `o${a.side.ownerId}`],
  );
  // ten heads from one address within a minute: a same_address flag
  await pool.query(
    `INSERT INTO ballots (meeting_id, item_id, voter_key, channel, choice, status, cast_at, receipt, client_ip, device)
     SELECT $1::bigint, $2::bigint, CASE WHEN g = 0 THEN $3::text ELSE 'o' || (900000000 + g)::text END, 'online', 'yes', 'current',
            now() - interval '1 hour' + g * interval '5 seconds', md5(random()::text || g::text) || md5(clock_timestamp()::text || g::text),
            '198.51.100.7', NULL
       FROM generate_series(0, 9) AS g`,
    [meetingId, itemId, `o${a.side.ownerId}`],
  );
  return meetingId;
}

export const MONITORING_CASES: Record<string, RouteCase> = {
  'GET /meetings/:id/flags': {
    scope: 'estate', shows: 'target',
    build: async (a) => ({ url: `/meetings/${await votingMeeting(a)}/flags` }),
    check: (res) => (res.json().flags.some((f: { kind: string }) => f.kind === 'same_address') ? null : 'no same_address flag'),
  },
  'POST /meetings/:id/reminders': {
    scope: 'estate',
    build: async (a) => ({ url: `/meetings/${await votingMeeting(a)}/reminders` }),
  },
};
