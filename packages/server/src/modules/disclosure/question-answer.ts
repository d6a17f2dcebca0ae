import type { QuestionView } from '@gongzhi/contracts';
import { answeredLate } from '@gongzhi/domain';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { notifyMany } from '../../platform/notify/notify.ts';
import { publisherName, responsiblePartyOf } from './disclosure-party.ts';
import { getQuestion, questionRow } from './question-read.ts';

// The responsible party answers (also after escalation: the community supervises, it does not
// answer for them). The answer is final (the table's guard); an answer after the due time is
// shown as late. The asker gets an inbox message.

export async function answerQuestion(opts: { db: Db; ctx: RequestContext; questionId: number; answer: string; now?: Date }): Promise<QuestionView> {
  const { db, ctx, questionId } = opts;
  const now = opts.now ?? new Date();
  const q = await questionRow(db, ctx, questionId, true);
  const party = responsiblePartyOf(ctx);
  if (party !== q.responsible) {
    throw new AppError('FORBIDDEN', { message: `此质询应由${q.responsible === 'company' ? '物业服务企业' : '业主委员会'}答复` });
  }
  if (q.state === 'answered') throw new AppError('CONFLICT', { message: '此质询已答复，答复不可更改' });
  const estateId = Number(q.estate_id);
  const by = await publisherName(db, ctx, party, estateId);
  await db.query(
    `UPDATE disclosure_questions SET state = 'answered', answer = $2, answered_by = $3, answered_by_label = $4, answered_at = $5 WHERE id = $1`,
    [questionId, opts.answer, ctx.accountId, by, now],
  );
  const late = answeredLate(new Date(q.due_at as Date), now);
  await appendAudit(db, ctx.actor(), {
    action: 'disclosure.question.answer', targetType: 'disclosure_question', targetId: questionId, estateId,
    summary: { responsible: party, late, escalated: q.state === 'escalated' },
  });
  await notifyMany(db, {
    accountIds: [Number(q.asked_by)],
    subject: `您的质询已答复：${String(q.subject_title)}`.slice(0, 200),
    body: `${by}答复：${opts.answer}`,
  });
  return getQuestion({ db, ctx, questionId });
}
