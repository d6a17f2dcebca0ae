import type { MyQuestionsQuery, MyQuestionView, QuestionsQuery, QuestionView } from '@gongzhi/contracts';
import {
  answeredLate, QUESTION_PARTY_LABELS, QUESTION_STATE_LABELS, QUESTION_SUBJECT_LABELS, questionOverdue,
  type QuestionParty, type QuestionState, type QuestionSubjectType,
} from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { Where } from '../registry/query-helpers.ts';
import { publisherKindOf } from './disclosure-party.ts';

// Reading questions: the officials' queue (by due time), one question, and the owners' view of
// their estates' questions. Every list is filtered by the caller's estates; a single question is
// checked with assertEstate. The asker is only ever its label ("3栋业主").

type Row = Record<string, unknown>;
type Base = Omit<QuestionView, 'availableActions'>;

const SELECT = `SELECT q.*, e.name AS estate_name FROM disclosure_questions q JOIN estates e ON e.id = q.estate_id`;
const iso = (d: unknown) => (d ? new Date(d as Date).toISOString() : null);

function present(r: Row, now: Date): Base {
  const state = r.state as QuestionState;
  const type = r.subject_type as QuestionSubjectType;
  const responsible = r.responsible as QuestionParty;
  const dueAt = new Date(r.due_at as Date);
  return {
    id: Number(r.id), estateId: Number(r.estate_id), estateName: String(r.estate_name),
    subjectType: type, subjectTypeLabel: QUESTION_SUBJECT_LABELS[type], subjectId: Number(r.subject_id), subjectTitle: String(r.subject_title),
    responsible, responsibleLabel: QUESTION_PARTY_LABELS[responsible], askerLabel: String(r.asker_label), body: String(r.body),
    askedAt: iso(r.asked_at)!, dueAt: dueAt.toISOString(), state, stateLabel: QUESTION_STATE_LABELS[state],
    overdue: questionOverdue({ state, dueAt }, now), escalatedAt: iso(r.escalated_at),
    answer: (r.answer as string | null) ?? null, answeredByLabel: (r.answered_by_label as string | null) ?? null,
    answeredAt: iso(r.answered_at), answeredLate: r.answered_at ? answeredLate(dueAt, new Date(r.answered_at as Date)) : false,
    supervisionNote: (r.supervision_note as string | null) ?? null, supervisedAt: iso(r.supervised_at),
  };
}

/** What the caller may do: answer as the responsible party; supervise an escalated question. */
function actionsFor(ctx: RequestContext, q: Base): QuestionView['availableActions'] {
  const out: QuestionView['availableActions'] = [];
  if (q.state !== 'answered' && ctx.can('question.answer') && publisherKindOf(ctx) === q.responsible) out.push('answer');
  if (q.state === 'escalated' && ctx.can('question.supervise')) out.push('supervise');
  return out;
}

function officialWhere(ctx: RequestContext, q: Partial<QuestionsQuery>): Where {
  const w = new Where().add('q.estate_id = ANY(?::bigint[])', ctx.scope.estateIds);
  if (q.estateId) w.add('q.estate_id = ?', q.estateId);
  if (q.state) w.add('q.state = ?', q.state);
  if (q.responsible) w.add('q.responsible = ?', q.responsible);
  if (q.subjectType) w.add('q.subject_type = ?', q.subjectType);
  if (q.subjectId) w.add('q.subject_id = ?', q.subjectId);
  if (q.overdue === true) w.add(`q.state <> 'answered' AND q.due_at < now()`);
  if (q.overdue === false) w.add(`NOT (q.state <> 'answered' AND q.due_at < now())`);
  return w;
}

/** Every question of the filter (for the workbook), in the queue's order. */
export async function allQuestions(db: Db, ctx: RequestContext, query: Partial<QuestionsQuery>): Promise<QuestionView[]> {
  const w = officialWhere(ctx, query);
  const r = await db.query(`${SELECT} ${w.sql()} ORDER BY (q.state = 'answered'), q.due_at, q.id LIMIT 10000`, w.params);
  const now = new Date();
  return r.rows.map((x) => { const b = present(x, now); return { ...b, availableActions: actionsFor(ctx, b) }; });
}

/** The officials' queue: unanswered first, by due time. */
export async function listQuestions(opts: { db: Db; ctx: RequestContext; query: QuestionsQuery }) {
  const { db, ctx, query } = opts;
  const w = officialWhere(ctx, query);
  const total = await db.query(`SELECT count(*)::int AS n FROM disclosure_questions q ${w.sql()}`, w.params);
  const r = await db.query(
    `${SELECT} ${w.sql()} ORDER BY (q.state = 'answered'), q.due_at, q.id LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
    w.params,
  );
  const now = new Date();
  return {
    items: r.rows.map((x) => { const b = present(x, now); return { ...b, availableActions: actionsFor(ctx, b) }; }),
    total: Number(total.rows[0].n), page: query.page, pageSize: query.pageSize,
  };
}

/** The row of a question in the caller's scope (locked for a change when `forUpdate`), or 404. */
export async function questionRow(db: Db, ctx: RequestContext, id: number, forUpdate = false): Promise<Row> {
  const r = await db.query(`${SELECT} WHERE q.id = $1 ${forUpdate ? 'FOR UPDATE OF q' : ''}`, [id]);
  const row = r.rows[0] as Row | undefined;
  if (!row) throw notFound('质询');
  ctx.assertEstate(Number(row.estate_id), '质询');
  return row;
}

export async function getQuestion(opts: { db: Db; ctx: RequestContext; questionId: number }): Promise<QuestionView> {
  const b = present(await questionRow(opts.db, opts.ctx, opts.questionId), new Date());
  return { ...b, availableActions: actionsFor(opts.ctx, b) };
}

/** The owner's view: every question of their estates (or only theirs), newest first. */
export async function listMyQuestions(opts: { db: Db; ctx: RequestContext; query: MyQuestionsQuery }) {
  const { db, ctx, query } = opts;
  const w = new Where().add('q.estate_id = ANY(?::bigint[])', ctx.scope.estateIds);
  if (query.estateId) w.add('q.estate_id = ?', query.estateId);
  if (query.subjectType) w.add('q.subject_type = ?', query.subjectType);
  if (query.subjectId) w.add('q.subject_id = ?', query.subjectId);
  if (query.mine) w.add('q.asked_by = ?', ctx.accountId);
  const total = await db.query(`SELECT count(*)::int AS n FROM disclosure_questions q ${w.sql()}`, w.params);
  const r = await db.query(
    `${SELECT} ${w.sql()} ORDER BY q.asked_at DESC, q.id DESC LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
    w.params,
  );
  const now = new Date();
  const items: MyQuestionView[] = r.rows.map((x) => ({ ...present(x, now), mine: Number(x.asked_by) === ctx.accountId }));
  return { items, total: Number(total.rows[0].n), page: query.page, pageSize: query.pageSize };
}

/** One question as its asker sees it right after asking (the estate is theirs: just asked in it). */
export async function myQuestion(db: Db, ctx: RequestContext, id: number): Promise<MyQuestionView> {
  const r = await db.query(`${SELECT} WHERE q.id = $1 AND q.estate_id = ANY($2::bigint[])`, [id, ctx.scope.estateIds]);
  if (!r.rows[0]) throw notFound('质询');
  return { ...present(r.rows[0], new Date()), mine: Number(r.rows[0].asked_by) === ctx.accountId };
}
