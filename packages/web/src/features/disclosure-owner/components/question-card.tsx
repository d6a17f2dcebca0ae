import { Card, Space, Tag, Typography } from 'antd';
import { formatDate, formatDateTime } from '../../../app/format.ts';
import { useDT, type DisclosureMessageKey } from '../messages.ts';
import type { MyQuestion } from '../types.ts';

/** state with its deadline: waiting (due …), overdue and escalated to the community, answered (late?) */
export function QuestionStateTag({ q }: { q: MyQuestion }) {
  const { dt } = useDT();
  if (q.state === 'answered') {
    return (
      <Space size={4} wrap>
        <Tag color="green" style={{ marginInlineEnd: 0 }} data-testid="question-state">{dt('q.answered')}</Tag>
        {q.answeredLate && <Tag color="orange" style={{ marginInlineEnd: 0 }}>{dt('q.answeredLate')}</Tag>}
      </Space>
    );
  }
  if (q.state === 'escalated') {
    return (
      <Space size={4} wrap>
        <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="question-state">{dt('q.escalated')}</Tag>
        {q.supervisedAt && <Tag color="volcano" style={{ marginInlineEnd: 0 }}>{dt('q.supervised')}</Tag>}
      </Space>
    );
  }
  return (
    <Space size={4} wrap>
      <Tag color="gold" style={{ marginInlineEnd: 0 }} data-testid="question-state">{dt('q.open')}</Tag>
      {q.overdue && <Tag color="red" style={{ marginInlineEnd: 0 }}>{dt('q.overdue')}</Tag>}
    </Space>
  );
}

export function QuestionCard({ q, showSubject = true }: { q: MyQuestion; showSubject?: boolean }) {
  const { dt } = useDT();
  const subjectKey = `q.subject.${q.subjectType}` as DisclosureMessageKey;
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="question" data-question-id={q.id}>
      <Space size={4} wrap style={{ marginBottom: 6 }}>
        <QuestionStateTag q={q} />
        {q.mine && <Tag color="blue" style={{ marginInlineEnd: 0 }} data-testid="question-mine">{dt('q.mine')}</Tag>}
      </Space>
      {showSubject && (
        <div style={{ fontSize: 13, color: '#475467', marginBottom: 4, wordBreak: 'break-word' }} data-testid="question-subject">
          {dt('q.on')}{dt('colon')}{dt(subjectKey)} · {q.subjectTitle}
        </div>
      )}
      <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: 15 }} data-testid="question-body">{q.body}</div>
      <div style={{ fontSize: 12, color: '#667085', marginTop: 4 }}>
        <span data-testid="question-asker">{q.askerLabel}</span> · {dt('q.askedAt', { d: formatDate(q.askedAt) })}
        {q.state !== 'answered' && <> · <span data-testid="question-due">{dt('q.due', { d: formatDateTime(q.dueAt) })}</span></>}
      </div>
      {q.state !== 'answered' && (
        <div style={{ fontSize: 12, color: '#667085' }}>{dt('q.responsible')}{dt('colon')}{q.responsibleLabel}</div>
      )}
      {q.state === 'answered' && q.answer && (
        <div style={{ marginTop: 8, padding: 8, background: '#f6fef9', borderRadius: 6 }} data-testid="question-answer">
          <Typography.Text strong>{dt('q.answer')}</Typography.Text>
          <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{q.answer}</div>
          <div style={{ fontSize: 12, color: '#667085', marginTop: 2 }}>
            {dt('q.answeredBy', { who: q.answeredByLabel ?? q.responsibleLabel, d: formatDate(q.answeredAt) })}
          </div>
        </div>
      )}
      {q.supervisionNote && (
        <div style={{ marginTop: 8, padding: 8, background: '#fff6ed', borderRadius: 6, wordBreak: 'break-word' }}>
          <Typography.Text strong>{dt('q.supervision')}</Typography.Text>
          <div style={{ whiteSpace: 'pre-wrap' }}>{q.supervisionNote}</div>
        </div>
      )}
    </Card>
  );
}
