import { ReloadOutlined } from '@ant-design/icons';
import type { FlaggedBallotView, MeetingFlagsView, MonitoringFlagView } from '@gongzhi/contracts';
import { Alert, Button, Collapse, Empty, Table, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import type { MeetingView } from '../types.ts';

const SEVERITY_COLOR: Record<string, string> = { info: 'blue', warning: 'orange', high: 'red' };
const BALLOT_STATUS: Record<string, string> = { current: '有效', superseded: '已被替代', overridden: '被覆盖', pending: '待复核', rejected: '已退回' };

/** 监测提示: patterns a street officer should look at, each with the ballots behind it. */
export function FlagsTab({ meeting: m }: { meeting: MeetingView }) {
  const flags = useApi<MeetingFlagsView>(`/meetings/${m.id}/flags`);
  const d = flags.data;
  return (
    <div data-testid="flags-tab">
      <div style={{ display: 'flex', gap: 8, marginBottom: 16, alignItems: 'center', flexWrap: 'wrap' }}>
        {d && <Alert type="info" showIcon style={{ flex: 1 }} title={`已检查 ${d.ballotsExamined} 张选票，发现 ${d.flags.length} 项提示`} description={d.note} />}
        <Button icon={<ReloadOutlined />} onClick={flags.reload} loading={flags.loading} style={{ marginLeft: 'auto' }}>刷新</Button>
      </div>
      <ErrorAlert error={flags.error} onRetry={flags.reload} />
      {d && d.flags.length === 0 && <Empty description="没有需要关注的情况" />}
      {d && d.flags.length > 0 && (
        <Collapse
          items={d.flags.map((f, n) => ({
            key: String(n),
            label: (
              <span data-testid={`flag-${f.kind}`}>
                <Tag color={SEVERITY_COLOR[f.severity]}>{f.severityLabel}</Tag>
                <strong>{f.label}</strong>
                {f.subject && <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{f.subject}</Typography.Text>}
                <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{f.ballotCount} 张票 · {f.voterKeyCount} 户</Typography.Text>
              </span>
            ),
            children: <FlagBallots flag={f} namesShown={d.namesShown} />,
          }))}
        />
      )}
    </div>
  );
}

function FlagBallots({ flag: f, namesShown }: { flag: MonitoringFlagView; namesShown: boolean }) {
  return (
    <div>
      <Typography.Paragraph>{f.explanation}</Typography.Paragraph>
      {f.truncated && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={`共 ${f.ballotCount} 张票，下表只列出前 ${f.ballots.length} 张`} />}
      <Table<FlaggedBallotView>
        rowKey="ballotId"
        size="small"
        dataSource={f.ballots}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        columns={[
          { title: '投票时间', dataIndex: 'castAt', width: 150, render: (v: string) => formatDateTime(v) },
          { title: '房屋', dataIndex: 'units', render: (u: string[]) => u.join('、') },
          ...(namesShown ? [{ title: '业主', dataIndex: 'ownerNames', width: 120, render: (n?: string[]) => n?.join('、') ?? '—' }] : []),
          { title: '议题', dataIndex: 'itemTitle', width: 180 },
          { title: '方式', dataIndex: 'channel', width: 70, render: (c: string) => (c === 'paper' ? '纸质' : '网络') },
          { title: '代理人', dataIndex: 'proxyHolderName', width: 90, render: (v?: string) => v ?? '—' },
          { title: '地址', dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
          { title: '设备', dataIndex: 'device', width: 100, render: (v: string | null) => v ?? '—' },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: string) => BALLOT_STATUS[s] ?? s },
        ]}
      />
    </div>
  );
}
