import type { Db } from '../../platform/db.ts';
import { addCaseEvents, type CaseEventInput } from '../cases/index.ts';
import type { CaseStory } from './case-story.ts';
import { addDemoPhotos } from './demo-photo.ts';

// Writes the demo's case stories: the case rows (merged ones after the case they joined), their
// photos, their timelines in time order (one INSERT), escalations, department calls, the
// followers a merge brings and the outbox event of a verified complaint against the company.

export async function writeCaseStories(db: Db, o: { stories: CaseStory[]; dataDir: string | null }) {
  const ids = new Map<string, number>();
  const nos = new Map<string, string>();
  const ordered = [...o.stories].sort((a, b) => Number(a.state === 'merged') - Number(b.state === 'merged') || a.f.at.getTime() - b.f.at.getTime());
  for (const s of ordered) {
    const f = s.f;
    const r = await db.query(
      `INSERT INTO cases (no, estate_id, category, priority, location_kind, building_id, unit_id, location_text, title, description,
         owner_account_id, filed_by, filed_by_role, state, level, handler_party, handler_department_id, assignee_account_id,
         respond_due_at, resolve_due_at, next_due_at, first_responded_at, resolved_at, auto_close_at, closed_at, close_kind,
         rating, rating_comment, reopen_count, resolved_in_time, merged_into_id, company_id, verified_at, verified_by, created_at, updated_at)
       -- the number as case-file draws it (at least six digits: lpad alone would cut a longer one)
       VALUES ('AJ' || to_char($34::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-' || (SELECT lpad(n, greatest(6, length(n)), '0') FROM (SELECT nextval('case_no_seq')::text AS n) s),
         $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25,
         $26, $27, $28, $29, $30, $31, $32, $33, $34, $35)
       RETURNING id, no`,
      [f.estateId, f.category, f.priority ?? 'normal', f.locationKind, f.buildingId ?? null, f.unitId ?? null, f.locationText ?? null, f.title, f.description,
        f.ownerAccountId, f.filer.accountId, f.filedByRole, s.state, s.level, s.handlerParty, s.handlerDepartmentId, s.assigneeAccountId,
        s.respondDueAt, s.resolveDueAt, s.nextDueAt, s.firstRespondedAt, s.resolvedAt, s.autoCloseAt, s.closedAt, s.closeKind,
        s.rating, s.ratingComment, s.reopenCount, s.resolvedInTime, s.mergedIntoKey ? ids.get(s.mergedIntoKey)! : null, f.companyId,
        s.verifiedAt, s.verifiedBy, f.at, s.updatedAt],
    );
    ids.set(s.key, Number(r.rows[0].id));
    nos.set(s.key, String(r.rows[0].no));
  }

  const photos = o.stories.flatMap((s) => s.photos.map((p) => ({ s, p })));
  const photoIds = await addDemoPhotos(db, o.dataDir, photos.map(({ s, p }) => ({
    estateId: s.f.estateId, recordType: p.recordType, recordId: String(ids.get(s.key)), filename: p.filename, uploadedBy: p.by, wall: p.wall,
  })));
  const evidence = new Map<string, number[]>();
  photos.forEach(({ s, p }, i) => {
    if (p.recordType === 'case_evidence') evidence.set(s.key, [...(evidence.get(s.key) ?? []), photoIds[i]!]);
  });

  // the whole city's timelines in time order, so event ids follow the clock as the API's would
  const events: CaseEventInput[] = o.stories.flatMap((s) => s.events.map((e) => {
    const { intoKey, fromKey, ...data } = (e.data ?? {}) as Record<string, unknown> & { intoKey?: string; fromKey?: string };
    if (e.kind === 'resolved') data.attachmentIds = evidence.get(s.key) ?? [];
    if (intoKey) Object.assign(data, { intoCaseId: ids.get(intoKey), intoNo: nos.get(intoKey) });
    if (fromKey) Object.assign(data, { fromCaseId: ids.get(fromKey), fromNo: nos.get(fromKey) });
    const text = e.text?.replace('{into}', nos.get(intoKey ?? '') ?? '').replace('{from}', nos.get(fromKey ?? '') ?? '') ?? null;
    return { ...e, caseId: ids.get(s.key)!, text, data };
  }));
  events.sort((a, b) => a.at!.getTime() - b.at!.getTime());
  await addCaseEvents(db, events);

  for (const s of o.stories) {
    const caseId = ids.get(s.key)!;
    for (const e of s.escalations) {
      await db.query(
        `INSERT INTO case_escalations (case_id, from_level, to_level, by_kind, reason, actor_account_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [caseId, e.fromLevel, e.toLevel, e.byKind, e.reason, e.actorAccountId, e.at],
      );
    }
    for (const c of s.calls) {
      await db.query(
        `INSERT INTO case_department_calls (case_id, department_id, called_by, called_at, instruction, report_due_at, reported_at, reported_by, report_text, overdue_flagged_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [caseId, c.departmentId, c.calledBy, c.calledAt, c.instruction, c.reportDueAt, c.reportedAt, c.reportedBy, c.reportText, c.overdueFlaggedAt ?? null],
      );
    }
    // its owner follows it from the filing (as case-file writes it) …
    if (s.f.ownerAccountId) {
      await db.query(`INSERT INTO case_followers (case_id, account_id, since) VALUES ($1, $2, $3)`, [caseId, s.f.ownerAccountId, s.f.at]);
    }
    if (s.mergedIntoKey && s.f.ownerAccountId) {
      // … and the merged case's owner follows the surviving one too
      await db.query(
        `INSERT INTO case_followers (case_id, account_id, since, via_case_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [ids.get(s.mergedIntoKey), s.f.ownerAccountId, s.updatedAt, caseId],
      );
    }
    if (s.verifiedAt && s.f.companyId) {
      await db.query(`INSERT INTO domain_events (topic, payload, created_at) VALUES ('case.company_complaint_verified', $1, $2)`, [
        JSON.stringify({
          caseId, caseNo: nos.get(s.key), estateId: s.f.estateId, companyId: s.f.companyId, category: s.f.category,
          verifiedBy: s.verifiedBy, verifiedAt: s.verifiedAt.toISOString(),
        }),
        s.verifiedAt,
      ]);
    }
  }
  return { ids, nos, events: events.length };
}
