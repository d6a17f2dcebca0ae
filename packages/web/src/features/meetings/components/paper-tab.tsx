import { PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, apiPost } from '../../../app/api.ts';
import { useCan, useMe } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { CHOICE_LABELS } from '../labels.ts';
import type { MeetingView, PaperSheetView } from '../types.ts';
import { PaperEntryModal } from './paper-entry-modal.tsx';
import { ReasonModal } from './reason-modal.tsx';

const SHEET_STATUS: Record<string, { label: string; color: string }> = {
  pending: { label: '待复核', color: 'orange' }, confirmed: { label: '已确认', color: 'green' }, rejected: { label: '已退回', color: 'red' },
};
const OUTCOME: Record<string, string> = { counted: '已计入', overridden: '该业主另有网络投票，按规则不计入', partly: '部分议题计入' };

/** 纸质票: sheets entered with their scan, each confirmed by a second person before it counts. */
export function PaperTab({ meeting: m }: { meeting: MeetingView }) {
  const { message } = App.useApp();
  const me = useMe();
  const canConvene = useCan('meeting.convene');
  const [status, setStatus] = useState<string>();
  const [entering, setEntering] = useState(false);
  const [rejecting, setRejecting] = useState<PaperSheetView | null>(null);
  const list = useApi<{ items: PaperSheetView[] }>(`/meetings/${m.id}/paper-ballots`, { status });
  const open = m.state === 'voting_open';

  const confirm = async (s: PaperSheetView) => {
    try {
      const r = await apiPost<{ message?: string }>(`/meetings/${m.id}/paper-ballots/${s.id}/confirm`);
      message.success(r?.message ?? '已确认，纸质票计入表决');
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
    list.reload();
  };

  const voteText = (s: PaperSheetView) =>
    s.votes.map((v) => {
      const item = m.items.find((i) => i.id === v.itemId);
      const n = item ? m.items.indexOf(item) + 1 : '?';
      const what = v.choice
        ? CHOICE_LABELS[v.choice] ?? v.choice
        : (v.approvals ?? []).map((id) => item?.candidates.find((c) => c.id === id)?.name ?? `#${id}`).join('、') || '未同意任何候选人';
      return <div key={v.itemId}>议题 {n}：{what}</div>;
    });

  return (
    <div data-testid="paper-tab">
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="纸质票实行双人操作：一人录入并上传扫描件，另一人对照扫描件复核确认。录入人不能复核自己录入的票，确认后才计入表决。"
      />
      <div style={{ display: 'flex', gap: 8, marginBottom: 16, flexWrap: 'wrap' }}>
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 160 }}
          value={status}
          onChange={setStatus}
          options={Object.entries(SHEET_STATUS).map(([value, s]) => ({ value, label: s.label }))}
          data-testid="paper-status"
        />
        {canConvene && open && (
          <Button type="primary" icon={<PlusOutlined />} style={{ marginLeft: 'auto' }} onClick={() => setEntering(true)} data-testid="enter-paper">
            录入纸质票
          </Button>
        )}
      </div>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<PaperSheetView>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1100 }}
        locale={{ emptyText: '暂无纸质票' }}
        columns={[
          { title: '房屋', dataIndex: 'units', width: 150, render: (u: string[]) => u.join('、') },
          { title: '业主', dataIndex: 'ownerName', width: 100 },
          { title: '表决意见', render: (_, s) => voteText(s) },
          {
            title: '扫描件', dataIndex: 'attachmentId', width: 90,
            render: (a: number) => <Typography.Link href={`/api/v1/attachments/${a}`} target="_blank"><PaperClipOutlined /> 查看</Typography.Link>,
          },
          { title: '录入', width: 150, render: (_, s) => <>{s.enteredByName}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{formatDateTime(s.enteredAt)}</Typography.Text></> },
          {
            title: '复核', width: 150,
            render: (_, s) => s.confirmedByName ? <>{s.confirmedByName}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{formatDateTime(s.confirmedAt)}</Typography.Text></> : '—',
          },
          {
            title: '状态', dataIndex: 'status', width: 170,
            render: (st: string, s) => (
              <>
                <Tag color={SHEET_STATUS[st]?.color}>{SHEET_STATUS[st]?.label ?? st}</Tag>
                {s.outcome && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{OUTCOME[s.outcome] ?? s.outcome}</Typography.Text>}
                {s.rejectReason && <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>{s.rejectReason}</Typography.Text>}
              </>
            ),
          },
          {
            title: '操作', width: 130, fixed: 'right',
            render: (_, s) => {
              if (!canConvene || s.status !== 'pending' || !open) return null;
              if (s.enteredBy === me.accountId) {
                return <Tooltip title="录入人不能复核自己录入的纸质票，请由另一位工作人员复核"><Typography.Text type="secondary" data-testid={`own-sheet-${s.id}`}>待他人复核</Typography.Text></Tooltip>;
              }
              return (
                <Space>
                  <Popconfirm title="复核确认" description="已对照扫描件核对房屋和每个议题的表决意见？" okText="确认计入" cancelText="取消" onConfirm={() => confirm(s)}>
                    <Typography.Link data-testid={`confirm-sheet-${s.id}`}>确认</Typography.Link>
                  </Popconfirm>
                  <Typography.Link type="danger" onClick={() => setRejecting(s)}>退回</Typography.Link>
                </Space>
              );
            },
          },
        ]}
      />
      <PaperEntryModal meeting={m} open={entering} onClose={(done) => { setEntering(false); if (done) list.reload(); }} />
      <ReasonModal
        open={rejecting !== null}
        title="退回纸质票"
        okText="退回"
        hint="退回的纸质票不计入表决，可重新录入。"
        onClose={() => setRejecting(null)}
        onSubmit={async (reason) => {
          await apiPost(`/meetings/${m.id}/paper-ballots/${rejecting!.id}/reject`, { reason });
          message.success('已退回');
          setRejecting(null);
          list.reload();
        }}
      />
    </div>
  );
}
