import { App, Button, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, apiPost } from '../../../app/api.ts';
import { FUND_ACTION_LABELS, readableCodes } from '../labels.ts';
import { formatFen } from '../money.ts';
import type { FundApplicationDetail } from '../types.ts';
import { ActionModal, type ModalAction } from './action-modal.tsx';

// The buttons are the actions the server says this caller may take now (availableActions, from
// the domain's transition table): the client never re-derives the workflow. `disburse` is taken
// per stage in the stages card.
const PATHS: Record<string, string> = {
  submit: 'submit', cancel: 'cancel', put_to_vote: 'put-to-vote', committee_confirm: 'committee-confirm',
  street_confirm: 'street-confirm', refuse_emergency: 'refuse-emergency', approve: 'approve', reject: 'reject',
  accept: 'accept', settle: 'settle', publish: 'publish',
};
const MODAL: ReadonlySet<string> = new Set(['cancel', 'refuse_emergency', 'reject', 'approve', 'committee_confirm', 'street_confirm', 'accept', 'settle', 'put_to_vote']);
const CONFIRM: Record<string, string> = {
  submit: '提交后冻结每户分摊金额，申请不能再修改。确认提交？',
  publish: '将向列支范围内已绑定的业主发送站内消息，公布实际费用和每户实际分摊。确认公布？',
};
const DANGER = new Set(['cancel', 'refuse_emergency', 'reject']);

/** Puts an error the server returned into one line a person can act on (the shortfall, the field). */
export function describeError(e: unknown): string {
  if (!(e instanceof ApiError)) return String(e);
  const d = e.details as { shortfallFen?: number } | undefined;
  const issues = e.issues.map((i) => i.message).filter((m) => m && m !== e.message);
  const shortfall = typeof d?.shortfallFen === 'number' && !e.message.includes('¥') ? `（差额 ${formatFen(d.shortfallFen)}）` : '';
  return readableCodes([e.message + shortfall, ...issues].join('；'));
}

export function ApplicationActions(props: { app: FundApplicationDetail; onChanged: () => void; onError: (msg: string | null) => void }) {
  const { app } = props;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [modal, setModal] = useState<ModalAction | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const actions = app.availableActions.filter((a) => PATHS[a]);

  const run = async (action: string, body: Record<string, unknown> = {}) => {
    await apiPost(`/fund/applications/${app.id}/${PATHS[action]}`, body);
    props.onError(null);
    message.success(`已${FUND_ACTION_LABELS[action] ?? action}`);
    props.onChanged();
  };
  const click = async (action: string) => {
    setBusy(action);
    try {
      await run(action);
    } catch (e) {
      props.onError(describeError(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space wrap data-testid="fund-actions">
      {app.state === 'draft' && app.availableActions.includes('submit') && (
        <Button onClick={() => navigate(`/funds/applications/${app.id}/edit`)} data-testid="fund-edit">修改</Button>
      )}
      {actions.map((a) => {
        const label = FUND_ACTION_LABELS[a] ?? a;
        if (MODAL.has(a)) {
          return <Button key={a} danger={DANGER.has(a)} type={DANGER.has(a) ? 'default' : 'primary'} onClick={() => setModal(a as ModalAction)} data-testid={`fund-action-${a}`}>{label}</Button>;
        }
        return (
          <Popconfirm key={a} title={label} description={CONFIRM[a] ?? `确认${label}？`} okText="确定" cancelText="取消" onConfirm={() => click(a)}>
            <Button type="primary" loading={busy === a} data-testid={`fund-action-${a}`}>{label}</Button>
          </Popconfirm>
        );
      })}
      <ActionModal
        action={modal}
        app={app}
        onClose={() => setModal(null)}
        onSubmit={async (a, body) => {
          await run(a, body);
          setModal(null);
        }}
      />
    </Space>
  );
}
