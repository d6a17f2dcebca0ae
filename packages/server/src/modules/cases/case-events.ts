import type { Db } from '../../platform/db.ts';

// The case timeline (case_events, append-only): every hop, note, deadline and decision, shown to
// the owner. actorParty is what the owner sees instead of a name (物业服务企业, 街道办事处, 业主…).

export type CaseEventKind =
  | 'filed' | 'routed' | 'assigned' | 'responded' | 'note' | 'deadline' | 'escalated'
  | 'department_called' | 'department_reported' | 'resolved' | 'confirmed' | 'reopened'
  | 'auto_closed' | 'merged' | 'merged_in' | 'verified';

export interface CaseEventInput {
  caseId: number;
  kind: CaseEventKind;
  actorAccountId: number | null;
  actorRole: string | null; // 'system' for jobs
  actorParty: string | null; // company / committee / secretary / community / street / department / owner / system
  text?: string | null;
  data?: Record<string, unknown>;
  at?: Date;
}

export async function addCaseEvent(db: Db, e: CaseEventInput): Promise<number> {
  const r = await db.query(
    `INSERT INTO case_events (case_id, at, kind, actor_account_id, actor_role, actor_party, text, data)
     VALUES ($1, COALESCE($2, now()), $3, $4, $5, $6, $7, $8) RETURNING id`,
    [e.caseId, e.at ?? null, e.kind, e.actorAccountId, e.actorRole, e.actorParty, e.text ?? null, JSON.stringify(e.data ?? {})],
  );
  return Number(r.rows[0].id);
}

/** Many events in one statement (the sweeper escalates thousands of cases per transaction). */
export async function addCaseEvents(db: Db, events: readonly CaseEventInput[]): Promise<void> {
  if (!events.length) return;
  await db.query(
    `INSERT INTO case_events (case_id, at, kind, actor_account_id, actor_role, actor_party, text, data)
     SELECT t.case_id, COALESCE(t.at, now()), t.kind, t.actor, t.role, t.party, t.text, t.data
       FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::jsonb[])
            AS t(case_id, at, kind, actor, role, party, text, data)`,
    [
      events.map((e) => e.caseId), events.map((e) => e.at ?? null), events.map((e) => e.kind),
      events.map((e) => e.actorAccountId), events.map((e) => e.actorRole), events.map((e) => e.actorParty),
      events.map((e) => e.text ?? null), events.map((e) => JSON.stringify(e.data ?? {})),
    ],
  );
}
