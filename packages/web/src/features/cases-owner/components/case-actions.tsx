import { Alert, App, Button, Form, Input, Modal, Rate, Typography } from 'antd';
import { useState } from 'react';
import { apiPost } from '../../../app/api.ts';
import { applyFieldErrors } from '../../../app/form-errors.ts';
import { levelLabel } from '../labels.ts';
import { useCT } from '../messages.ts';
import type { CaseAction, CaseDetail } from '../types.ts';

// What the owner may do, as the server's `actions` say: 确认办结 (1–5 stars, a comment), 重新处理
// (a reason) and 升级 to the next rung (named; a reason). One the server refuses is shown greyed
// with its reason. After each, the page says plainly what happened (`onDone`).

type Kind = 'confirm' | 'reopen' | 'escalate';

interface Values {
  rating?: number;
  comment?: string;
  reason?: string;
}

function ActionButton({ kind, action, label, onOpen, primary }: { kind: Kind; action: CaseAction; label: string; onOpen: () => void; primary?: boolean }) {
  return (
    <div style={{ marginBottom: 10 }}>
      <Button block type={primary && action.allowed ? 'primary' : 'default'} disabled={!action.allowed} onClick={onOpen} data-testid={`case-act-${kind}`}>
        {label}
      </Button>
      {!action.allowed && action.reason && (
        <div style={{ fontSize: 12, color: '#667085', marginTop: 2, wordBreak: 'break-word' }} data-testid={`case-act-${kind}-reason`}>
          {action.reason}
        </div>
      )}
    </div>
  );
}

export function CaseActions({ c, onDone }: { c: CaseDetail; onDone: (what: string) => void }) {
  const { ct, lang } = useCT();
  const { message } = App.useApp();
  const [open, setOpen] = useState<Kind | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const { confirm, reopen, escalate } = c.actions;
  if (!confirm && !reopen && !escalate) return null;
  const next = escalate?.toLevel ? levelLabel(escalate.toLevel, lang) : null;
  const escalateLabel = next ? ct('act.escalate', { level: next }) : ct('act.escalateGeneric');

  const show = (k: Kind) => {
    setProblem(null);
    setOpen(k);
  };
  const send = async (v: Values) => {
    setBusy(true);
    setProblem(null);
    try {
      let done: string;
      if (open === 'confirm') {
        await apiPost(`/my/cases/${c.id}/confirm`, { rating: v.rating, ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}) });
        done = ct('act.confirmOk');
      } else if (open === 'reopen') {
        await apiPost(`/my/cases/${c.id}/reopen`, { reason: v.reason?.trim() ?? '' });
        done = ct('act.reopenOk');
      } else {
        await apiPost(`/my/cases/${c.id}/escalate`, { toLevel: escalate?.toLevel, reason: v.reason?.trim() ?? '' });
        done = ct('act.escalateOk', { level: next ?? '' });
      }
      setOpen(null);
      message.success(done);
      onDone(done);
    } catch (e) {
      setProblem(applyFieldErrors(form, e));
    } finally {
      setBusy(false);
    }
  };

  // one reason for all (e.g. another owner's case: only its owner or followers act): said once
  const sent = [confirm, reopen, escalate].filter((a): a is CaseAction => !!a);
  const one = sent.every((a) => !a.allowed && a.reason === sent[0]!.reason) ? sent[0]!.reason : undefined;
  if (one) {
    return <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 0 }} data-testid="case-act-none">{one}</Typography.Paragraph>;
  }

  const title = open === 'confirm' ? ct('act.confirmTitle') : open === 'reopen' ? ct('act.reopenTitle') : ct('act.escalateTitle', { level: next ?? '' });
  return (
    <div data-testid="case-actions">
      {c.state === 'resolved' && <Typography.Paragraph style={{ fontSize: 13 }}>{ct('case.resolvedHint')}</Typography.Paragraph>}
      {confirm && <ActionButton kind="confirm" action={confirm} label={ct('act.confirm')} primary onOpen={() => show('confirm')} />}
      {reopen && <ActionButton kind="reopen" action={reopen} label={ct('act.reopen')} onOpen={() => show('reopen')} />}
      {escalate && <ActionButton kind="escalate" action={escalate} label={escalateLabel} onOpen={() => show('escalate')} />}
      <Modal
        open={open !== null}
        title={title}
        onCancel={() => setOpen(null)}
        footer={null}
        destroyOnHidden
        width={360}
        centered
      >
        <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={send}>
          {open === 'confirm' ? (
            <>
              <Form.Item name="rating" label={ct('act.rating')} rules={[{ required: true, message: ct('act.ratingRequired') }]}>
                <Rate data-testid="case-rating" style={{ fontSize: 32 }} />
              </Form.Item>
              <Form.Item name="comment" label={ct('act.comment')}>
                <Input.TextArea rows={3} maxLength={1000} showCount placeholder={ct('act.commentPh')} data-testid="case-comment" />
              </Form.Item>
            </>
          ) : (
            <>
              {open === 'escalate' && <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{ct('act.escalateHint', { level: next ?? '' })}</Typography.Paragraph>}
              <Form.Item name="reason" label={open === 'reopen' ? ct('act.reopenReason') : ct('act.escalateReason')} rules={[{ required: true, whitespace: true, message: ct('act.reasonRequired') }]}>
                <Input.TextArea rows={4} maxLength={500} showCount placeholder={open === 'reopen' ? ct('act.reopenPh') : ct('act.escalatePh')} data-testid="case-reason" />
              </Form.Item>
            </>
          )}
          {problem && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={problem} data-testid="case-act-error" />}
          <div style={{ display: 'flex', gap: 8 }}>
            <Button block onClick={() => setOpen(null)}>{ct('act.cancel')}</Button>
            <Button block type="primary" htmlType="submit" loading={busy} data-testid="case-act-submit">{ct('act.submit')}</Button>
          </div>
        </Form>
      </Modal>
    </div>
  );
}
