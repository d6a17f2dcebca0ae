import { App, Button, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, apiPost } from '../../../app/api.ts';
import { useCan } from '../../../app/auth.tsx';
import { ACTION_LABELS } from '../labels.ts';
import type { MeetingView } from '../types.ts';
import { ReasonModal } from './reason-modal.tsx';

// The buttons are the actions the server says this caller may take now (availableActions, from
// the domain's transition table): the client never re-derives the lifecycle.
const PATHS: Record<string, string> = {
  submit: 'submit', approve: 'approve', reject: 'reject', publish_notice: 'publish-notice', cancel: 'cancel', publish_result: 'publish-result',
};
const CONFIRM: Record<string, string> = {
  submit: '提交后由街道办事处审核，审核期间不能修改。确认提交？',
  approve: '确认召集人资格、户数和表决事项均符合要求，审核通过？',
  publish_notice: '发布公告后将冻结投票名册并通知全体业主，议题不能再修改。确认发布？',
  publish_result: '公布后业主即可查看表决结果，并进入异议期。确认公布？',
};

export function MeetingActions({ meeting: m, onChanged }: { meeting: MeetingView; onChanged: () => void }) {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const canConvene = useCan('meeting.convene');
  const [reasonFor, setReasonFor] = useState<'reject' | 'cancel' | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const actions = (m.availableActions ?? []).filter((a) => PATHS[a]);

  const run = async (action: string, body: Record<string, unknown> = {}) => {
    setBusy(action);
    try {
      await apiPost(`/meetings/${m.id}/${PATHS[action]}`, body);
      message.success(`已${ACTION_LABELS[action] ?? action}`);
      onChanged();
    } catch (e) {
      if (body.reason !== undefined) throw e;
      // the approval check returns every problem at once: list them all
      if (e instanceof ApiError && e.issues.length > 1) {
        modal.error({
          title: `不能${ACTION_LABELS[action] ?? action}`,
          content: <ul style={{ paddingLeft: 18, margin: 0 }}>{e.issues.map((i, n) => <li key={n}>{i.message}</li>)}</ul>,
        });
      } else {
        message.error(e instanceof ApiError ? (e.issues[0]?.message ?? e.message) : String(e));
      }
    } finally {
      setBusy(null);
    }
  };

  const remind = async () => {
    setBusy('remind');
    try {
      const r = await apiPost<{ count?: number; sent?: number }>(`/meetings/${m.id}/reminders`, {});
      const n = r?.count ?? r?.sent;
      message.success(n === undefined ? '已向未投票业主发送提醒' : `已向 ${n} 位未投票业主发送提醒`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space wrap data-testid="meeting-actions">
      {m.state === 'draft' && canConvene && m.availableActions?.includes('submit') && (
        <Button onClick={() => navigate(`/meetings/${m.id}/edit`)}>编辑</Button>
      )}
      {actions.map((a) => {
        const label = ACTION_LABELS[a] ?? a;
        if (a === 'reject' || a === 'cancel') {
          return (
            <Button key={a} danger onClick={() => setReasonFor(a)} data-testid={`action-${a}`}>{label}</Button>
          );
        }
        return (
          <Popconfirm key={a} title={label} description={CONFIRM[a]} okText="确定" cancelText="取消" onConfirm={() => run(a)}>
            <Button type="primary" loading={busy === a} data-testid={`action-${a}`}>{label}</Button>
          </Popconfirm>
        );
      })}
      {canConvene && m.state === 'voting_open' && (
        <Popconfirm title="提醒未投票业主" description="将通过站内消息和短信提醒尚未投票的业主。确认发送？" okText="发送" cancelText="取消" onConfirm={() => remind()}>
          <Button loading={busy === 'remind'} data-testid="send-reminders">提醒未投票业主</Button>
        </Popconfirm>
      )}
      <ReasonModal
        open={reasonFor !== null}
        title={reasonFor === 'reject' ? '退回修改' : '取消会议'}
        okText={reasonFor === 'reject' ? '退回' : '取消会议'}
        hint={reasonFor === 'reject' ? '会议将回到草稿状态，召集人修改后可重新提交。原因会告知召集人。' : '取消后会议不可恢复，原因会公开给业主。'}
        onClose={() => setReasonFor(null)}
        onSubmit={async (reason) => {
          await run(reasonFor!, { reason });
          setReasonFor(null);
        }}
      />
    </Space>
  );
}
