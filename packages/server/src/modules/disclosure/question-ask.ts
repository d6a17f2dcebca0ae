import type { AskQuestionBody, MyQuestionView } from '@gongzhi/contracts';
import { askerLabel, QUESTION_PARTY_LABELS, questionDueAt } from '@gongzhi/domain';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { fieldError } from '../../platform/errors.ts';
import { enqueueJob } from '../../platform/jobs/index.ts';
import { notifyMany } from '../../platform/notify/notify.ts';
import { localDateTime } from '../meetings/index.ts';
import { answerDaysOf, hasServingCompany, partyAccounts } from './question-people.ts';
import { myQuestion } from './question-read.ts';
import { subjectForOwner } from './question-subject.ts';

// An owner asks on an item disclosed to them (质询). The answer is due the city's answer days later;
// a durable job at that moment escalates the question to the community if it is still open. The
// responsible party's people get an inbox message now.

export const QUESTION_DUE_JOB = 'disclosure.question_due';

export async function askQuestion(opts: { db: Db; ctx: RequestContext; input: AskQuestionBody; now?: Date }): Promise<MyQuestionView> {
  const { db, ctx, input } = opts;
  const now = opts.now ?? new Date();
  const subject = await subjectForOwner(db, ctx, input.subjectType, input.subjectId);
  const responsible = input.responsible ?? subject.responsible;
  if (responsible === 'company' && !(await hasServingCompany(db, subject.estateId))) {
    throw fieldError('body.responsible', '该小区目前没有在合同期内的物业服务企业，请向业主委员会提出质询');
  }
  const buildings = await db.query(
    `SELECT DISTINCT bu.name FROM units u JOIN buildings bu ON bu.id = u.building_id
      WHERE u.id = ANY($1::bigint[]) AND u.estate_id = $2`,
    [ctx.scope.unitIds ?? [], subject.estateId],
  );
  const label = askerLabel(buildings.rows.map((x) => String(x.name)));
  const dueAt = questionDueAt(now, await answerDaysOf(db, subject.estateId));
  const r = await db.query(
    `INSERT INTO disclosure_questions (estate_id, subject_type, subject_id, subject_title, responsible, asked_by, asker_label, body, asked_at, due_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [subject.estateId, input.subjectType, input.subjectId, subject.title, responsible, ctx.accountId, label, input.body, now, dueAt],
  );
  const id = Number(r.rows[0].id);
  await enqueueJob(db, { kind: QUESTION_DUE_JOB, payload: { questionId: id }, runAt: dueAt, dedupeKey: `${QUESTION_DUE_JOB}:${id}` });
  await appendAudit(db, ctx.actor(), {
    action: 'disclosure.question.ask', targetType: 'disclosure_question', targetId: id, estateId: subject.estateId,
    summary: { subjectType: input.subjectType, subjectId: input.subjectId, responsible, dueAt: dueAt.toISOString() },
  });
  await notifyMany(db, {
    accountIds: await partyAccounts(db, subject.estateId, responsible),
    subject: `业主质询：${subject.title}`.slice(0, 200),
    body: `${label}就“${subject.title}”提出质询：${input.body}\n请${QUESTION_PARTY_LABELS[responsible]}于 ${localDateTime(dueAt)} 前答复，逾期未答复将转社区督办。`,
  });
  return myQuestion(db, ctx, id);
}
