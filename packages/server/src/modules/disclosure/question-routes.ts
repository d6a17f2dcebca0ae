import {
  answerQuestionBody, askQuestionBody, idParam, myQuestionPage, myQuestionsQuery, myQuestionView, questionPage,
  questionsQuery, questionView, superviseQuestionBody,
} from '@gongzhi/contracts';
import { xlsxReply } from '../../platform/download.ts';
import { route, type RouteDef } from '../../platform/route.ts';
import { localDate } from '../meetings/index.ts';
import { answerQuestion } from './question-answer.ts';
import { askQuestion } from './question-ask.ts';
import { exportQuestions } from './question-export.ts';
import { getQuestion, listMyQuestions, listQuestions } from './question-read.ts';
import { superviseQuestion } from './question-supervise.ts';

// Disclosure (issue 5): owners' questions (质询) — asked by owners on disclosed items, answered by
// the company or the committee, escalated to the community when overdue, supervised there.

const tags = ['disclosure'];

export const questionRoutes: RouteDef[] = [
  route({
    method: 'POST', url: '/my/questions', permission: 'my.units', tags,
    summary: 'Owner: ask a question on an item disclosed to them (notice, statement, entry, filing, fund statement or use, meeting)',
    schema: { body: askQuestionBody, response: { 200: myQuestionView } },
    handler: ({ db, ctx, body }) => askQuestion({ db, ctx, input: body }),
  }),
  route({
    method: 'GET', url: '/my/questions', permission: 'my.units', tags,
    summary: "Owner: the questions of their estates with the answers (askers shown as '3栋业主'; mine marks their own)",
    schema: { querystring: myQuestionsQuery, response: { 200: myQuestionPage } },
    handler: ({ db, ctx, query }) => listMyQuestions({ db, ctx, query }),
  }),
  route({
    method: 'GET', url: '/questions', permission: 'disclosure.read', tags,
    summary: "Questions in the caller's scope, unanswered first by due time; filters estate, state, responsible party, overdue",
    schema: { querystring: questionsQuery, response: { 200: questionPage } },
    handler: ({ db, ctx, query }) => listQuestions({ db, ctx, query }),
  }),
  route({
    method: 'GET', url: '/questions.xlsx', permission: 'disclosure.read', tags,
    summary: 'The questions list as an Excel workbook (same filters as the list)',
    schema: { querystring: questionsQuery },
    handler: async ({ db, ctx, query, reply }) => {
      const buffer = await exportQuestions({ db, ctx, query });
      const day = localDate(Date.now()).replaceAll('-', '');
      return xlsxReply(reply, buffer, `业主质询-${day}.xlsx`, `questions-${day}.xlsx`);
    },
  }),
  route({
    method: 'GET', url: '/questions/:id', permission: 'disclosure.read', tags,
    summary: "One question with its answer, supervision and the caller's actions",
    schema: { params: idParam, response: { 200: questionView } },
    handler: ({ db, ctx, params }) => getQuestion({ db, ctx, questionId: params.id }),
  }),
  route({
    method: 'POST', url: '/questions/:id/answer', permission: 'question.answer', tags,
    summary: 'Answer a question put to the caller’s party (company or committee); final once given',
    schema: { params: idParam, body: answerQuestionBody, response: { 200: questionView } },
    handler: ({ db, ctx, params, body }) => answerQuestion({ db, ctx, questionId: params.id, answer: body.answer }),
  }),
  route({
    method: 'POST', url: '/questions/:id/supervise', permission: 'question.supervise', tags,
    summary: 'Community or street office: supervise (督办) a question escalated after its due time',
    schema: { params: idParam, body: superviseQuestionBody, response: { 200: questionView } },
    handler: ({ db, ctx, params, body }) => superviseQuestion({ db, ctx, questionId: params.id, note: body.note }),
  }),
];
