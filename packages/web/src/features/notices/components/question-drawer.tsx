import { Alert, Button, Descriptions, Drawer, Form, Input, Space, Tag } from 'antd';
import { useState } from 'react';
import { apiPost } from '../../../app/api.ts';
import { formatDateTime } from '../../../app/format.ts';
import { applyNestedErrors } from '../../meetings/components/form-errors.ts';
import { QUESTION_STATE_COLORS, QUESTION_STATE_LABELS, RESPONSIBLE_LABELS, SUBJECT_LABELS } from '../labels.ts';
import type { QuestionItem } from '../types.ts';

export type QuestionMode = 'answer' | 'supervise' | 'view';

/** One question: what was asked, on what, by when; the answer form (company/committee) or the supervision note (community/street). */
export function QuestionDrawer(props: { q: QuestionItem | null; mode: QuestionMode; onClose: () => void; onDone: (msg: string) => void }) {
  const [form] = Form.useForm<{ text: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const q = props.q;
  const submit = async () => {
    if (!q) return;
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      if (props.mode === 'answer') await apiPost(`/questions/${q.id}/answer`, { answer: v.text.trim() });
      else await apiPost(`/questions/${q.id}/supervise`, { note: v.text.trim() });
      form.resetFields();
      props.onDone(props.mode === 'answer' ? '已答复，提问业主将收到通知' : '督办意见已记录');
    } catch (e) {
      setError(applyNestedErrors(form, e, { answer: 'text', note: 'text' }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer
      open={q !== null}
      width={560}
      title={props.mode === 'answer' ? '答复质询' : props.mode === 'supervise' ? '督办' : '质询详情'}
      onClose={() => { setError(null); props.onClose(); }}
      destroyOnHidden
      data-testid="question-drawer"
      extra={props.mode !== 'view' && (
        <Space>
          <Button onClick={props.onClose}>取消</Button>
          <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="question-submit">
            {props.mode === 'answer' ? '提交答复' : '提交督办意见'}
          </Button>
        </Space>
      )}
    >
      {q && (
        <>
          <Descriptions
            size="small"
            column={1}
            bordered
            style={{ marginBottom: 16 }}
            items={[
              { key: 'subject', label: '质询事项', children: `${q.subjectTypeLabel || SUBJECT_LABELS[q.subjectType] || q.subjectType}：${q.subjectTitle}` },
              { key: 'asker', label: '提问人', children: `${q.askerLabel}（${formatDateTime(q.askedAt)}）` },
              { key: 'resp', label: '答复责任方', children: RESPONSIBLE_LABELS[q.responsible] ?? q.responsible },
              { key: 'due', label: '答复期限', children: <DueText q={q} /> },
              { key: 'state', label: '状态', children: <Tag color={QUESTION_STATE_COLORS[q.state]}>{q.stateLabel ?? QUESTION_STATE_LABELS[q.state]}</Tag> },
              { key: 'body', label: '质询内容', children: <span style={{ whiteSpace: 'pre-wrap' }} data-testid="question-body">{q.body}</span> },
              ...(q.answer ? [{ key: 'answer', label: '答复', children: <span style={{ whiteSpace: 'pre-wrap' }}>{q.answer}<br /><span style={{ color: '#667085' }}>{q.answeredByLabel ?? ''} {formatDateTime(q.answeredAt)}{q.answeredLate ? '（逾期答复）' : ''}</span></span> }] : []),
              ...(q.supervisionNote ? [{ key: 'sup', label: '督办意见', children: <span style={{ whiteSpace: 'pre-wrap' }}>{q.supervisionNote}<br /><span style={{ color: '#667085' }}>{formatDateTime(q.supervisedAt)}</span></span> }] : []),
            ]}
          />
          {props.mode !== 'view' && (
            <>
              {props.mode === 'supervise' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="该质询逾期未答复，已转社区督办。督办意见将告知答复责任方，并向本小区业主公开。" />}
              {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="question-error" />}
              <Form form={form} layout="vertical" preserve={false}>
                <Form.Item
                  name="text"
                  label={props.mode === 'answer' ? '答复内容（本小区业主均可看到）' : '督办意见'}
                  rules={[{ required: true, whitespace: true, message: props.mode === 'answer' ? '请填写答复内容' : '请填写督办意见' }]}
                >
                  <Input.TextArea rows={8} maxLength={props.mode === 'answer' ? 5000 : 2000} showCount data-testid="question-text" />
                </Form.Item>
              </Form>
            </>
          )}
        </>
      )}
    </Drawer>
  );
}

/** the deadline; red with 已逾期 when the server says it has passed unanswered (its clock, not the browser's) */
export function DueText({ q }: { q: QuestionItem }) {
  const overdue = q.overdue;
  return (
    <span style={{ color: overdue ? '#d92d20' : undefined, fontWeight: overdue ? 600 : undefined }} data-testid={`due-${q.id}`}>
      {formatDateTime(q.dueAt)}
      {overdue && <Tag color="red" style={{ marginLeft: 6 }}>已逾期</Tag>}
      {q.state === 'answered' && q.answeredLate && <Tag color="orange" style={{ marginLeft: 6 }}>逾期答复</Tag>}
    </span>
  );
}
