import type { QuestionView } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { notifyMany } from '../../platform/notify/notify.ts';
import { partyAccounts } from './question-people.ts';
import { getQuestion, questionRow } from './question-read.ts';

// The community (or the street office) supervises (督办) a question left unanswered past its due
// time: only an escalated one. The note is shown with the question; a later note replaces the
// shown one (each is in the audit log). The responsible party is told.

export async function superviseQuestion(opts: { db: Db; ctx: RequestContext; questionId: number; note: string; now?: Date }): Promise<QuestionView> {
  const { db, ctx, questionId, note } = opts;
  const q = await questionRow(db, ctx, questionId, true);
  if (q.state !== 'escalated') {
    throw new AppError('CONFLICT', { message: q.state === 'answered' ? '此质询已答复，无需督办' : '此质询尚未逾期，逾期未答复后方可督办' });
  }
  const estateId = Number(q.estate_id);
  await db.query(
    `UPDATE disclosure_questions SET supervision_note = $2, supervised_by = $3, supervised_at = $4 WHERE id = $1`,
    [questionId, note, ctx.accountId, opts.now ?? new Date()],
  );
  await appendAudit(db, ctx.actor(), {
    action: 'disclosure.question.supervise', targetType: 'disclosure_question', targetId: questionId, estateId, summary: { note },
  });
  await notifyMany(db, {
    accountIds: await partyAccounts(db, estateId, q.responsible as 'company' | 'committee'),
    subject: `质询督办：${String(q.subject_title)}`.slice(0, 200),
    body: `业主质询“${String(q.body).slice(0, 100)}”已逾期未答复，社区督办意见：${note}\n请尽快答复。`,
  });
  return getQuestion({ db, ctx, questionId });
}
