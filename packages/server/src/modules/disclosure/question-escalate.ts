import { QUESTION_PARTY_LABELS, type QuestionParty } from '@gongzhi/domain';
import { appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { enqueueJob } from '../../platform/jobs/index.ts';
import { notifyMany } from '../../platform/notify/notify.ts';
import { localDateTime, SYSTEM_ACTOR } from '../meetings/index.ts';
import { QUESTION_DUE_JOB } from './question-ask.ts';
import { communityOfficers, partyAccounts } from './question-people.ts';

// At a question's due time (the durable job 'disclosure.question_due'): still open → escalated to
// the community of the estate, once. The community officers and the responsible party are told.
// Answered or already escalated: nothing. A job that fires early (another server's clock) changes
// nothing and is scheduled again for the due time.

export type EscalateOutcome = 'escalated' | 'not_open' | 'early' | 'missing';

export async function escalateDueQuestion(db: Db, questionId: number, now = new Date()): Promise<EscalateOutcome> {
  const r = await db.query(
    `SELECT q.*, e.name AS estate_name FROM disclosure_questions q JOIN estates e ON e.id = q.estate_id WHERE q.id = $1 FOR UPDATE OF q`,
    [questionId],
  );
  const q = r.rows[0];
  if (!q) return 'missing';
  if (q.state !== 'open') return 'not_open';
  const dueAt = new Date(q.due_at);
  if (dueAt.getTime() > now.getTime()) {
    await enqueueJob(db, { kind: QUESTION_DUE_JOB, payload: { questionId }, runAt: dueAt });
    return 'early';
  }
  const estateId = Number(q.estate_id);
  await db.query(`UPDATE disclosure_questions SET state = 'escalated', escalated_at = $2 WHERE id = $1`, [questionId, now]);
  const officers = await communityOfficers(db, estateId);
  const party = q.responsible as QuestionParty;
  await appendAudit(db, SYSTEM_ACTOR, {
    action: 'disclosure.question.escalate', targetType: 'disclosure_question', targetId: questionId, estateId,
    summary: { responsible: party, dueAt: dueAt.toISOString(), communityOfficers: officers.length },
  });
  const head = `${q.estate_name}${q.asker_label}就“${q.subject_title}”提出的质询，${QUESTION_PARTY_LABELS[party]}应于 ${localDateTime(dueAt)} 前答复，至今未答复。`;
  await notifyMany(db, {
    accountIds: officers,
    subject: `质询逾期未答复，请督办：${q.subject_title}`.slice(0, 200),
    body: `${head}\n质询内容：${q.body}\n请在“质询”中督办。`,
  });
  await notifyMany(db, {
    accountIds: await partyAccounts(db, estateId, party),
    subject: `质询已逾期并转社区：${q.subject_title}`.slice(0, 200),
    body: `${head}已转社区督办，请尽快答复。`,
  });
  return 'escalated';
}
