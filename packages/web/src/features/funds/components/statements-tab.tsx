import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Modal, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, apiDownload, apiPost } from '../../../app/api.ts';
import { useCan } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { formatFen } from '../money.ts';
import type { FundStatementSummary, StatementBody, StatementLine } from '../types.ts';

/** 对账单: statements published per half year (by the job) or on demand by the ledger keeper. */
export function StatementsTab({ estateId }: { estateId: number }) {
  const { message } = App.useApp();
  const canPublish = useCan('fund.ledger');
  const list = useApi<{ items: FundStatementSummary[] }>(`/estates/${estateId}/fund/statements`);
  const [view, setView] = useState<number | null>(null);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [busy, setBusy] = useState(false);
  const publish = async () => {
    if (!range?.[0] || !range[1]) return;
    setBusy(true);
    try {
      await apiPost(`/estates/${estateId}/fund/statements`, { periodStart: range[0].format('YYYY-MM-DD'), periodEnd: range[1].format('YYYY-MM-DD') });
      message.success('对账单已发布');
      list.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="fund-statements">
      {canPublish && (
        <Space wrap style={{ marginBottom: 12 }}>
          <DatePicker.RangePicker value={range} onChange={setRange} placeholder={['期初', '期末']} disabledDate={(d) => !d.isBefore(dayjs(), 'day')} />
          <span style={{ color: '#667085', fontSize: 12 }}>对账期须在今天之前结束；每年 1 月 1 日和 7 月 1 日自动发布上半年、下半年对账单</span>
          <Button icon={<PlusOutlined />} disabled={!range?.[0] || !range?.[1]} loading={busy} onClick={() => void publish()}>发布对账单</Button>
        </Space>
      )}
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<FundStatementSummary>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '尚未发布对账单（每半年自动发布一次）' }}
        columns={[
          { title: '期间', render: (_, s) => `${s.periodStart} ~ ${s.periodEnd}` },
          { title: '期初余额', dataIndex: 'openingFen', width: 150, align: 'right', render: (v: number) => formatFen(v) },
          { title: '期末余额', dataIndex: 'closingFen', width: 150, align: 'right', render: (v: number) => formatFen(v) },
          { title: '发布时间', dataIndex: 'publishedAt', width: 170, render: (v?: string) => formatDateTime(v) || '—' },
          {
            title: '操作', width: 200,
            render: (_, s) => (
              <Space>
                <a onClick={() => setView(s.id)}>查看</a>
                <a onClick={() => void apiDownload(`/fund/statements/${s.id}.xlsx`, `维修资金对账单-${s.periodEnd}.xlsx`).catch((e) => message.error(String(e.message ?? e)))}><DownloadOutlined /> Excel</a>
              </Space>
            ),
          },
        ]}
      />
      <Modal open={view !== null} onCancel={() => setView(null)} footer={null} width={1180} title="维修资金对账单" destroyOnHidden>
        {view !== null && <StatementView id={view} />}
      </Modal>
    </div>
  );
}

function StatementView({ id }: { id: number }) {
  const q = useApi<{ body: StatementBody; publishedAt: string }>(`/fund/statements/${id}`);
  const s = q.data?.body;
  const money = (title: string, key: keyof StatementLine) => ({ title, dataIndex: key, width: 112, align: 'right' as const, render: (v: number) => formatFen(v) });
  const columns = [
    { title: '楼栋', dataIndex: 'name', width: 150, fixed: 'left' as const, render: (v: string, r: StatementLine) => <>{v}{r.belowLine ? <Tag color="red" style={{ marginLeft: 4 }}>低于30%</Tag> : null}</> },
    { title: '户数', dataIndex: 'unitCount', width: 64, align: 'right' as const },
    money('期初余额', 'openingFen'), money('交存', 'depositsFen'), money('续筹', 'replenishmentsFen'), money('利息', 'interestFen'),
    money('使用支出', 'withdrawalsFen'), money('结算退回', 'reversalsFen'), money('退还', 'refundsFen'), money('期末余额', 'closingFen'),
  ];
  const keys = ['openingFen', 'depositsFen', 'replenishmentsFen', 'interestFen', 'withdrawalsFen', 'reversalsFen', 'refundsFen', 'closingFen'] as const;
  return (
    <>
      <ErrorAlert error={q.error} onRetry={q.reload} />
      {s && <p>{s.estateName}　期间：{s.periodStart} ~ {s.periodEnd}　共 {s.movementCount} 笔资金变动</p>}
      <Table<StatementLine>
        rowKey={(r) => String(r.buildingId ?? r.name)}
        size="small"
        loading={q.loading}
        dataSource={s?.buildings ?? []}
        pagination={false}
        scroll={{ x: 1110, y: 420 }}
        columns={columns}
        // the estate's totals stay in view under the buildings
        summary={() => s && (
          <Table.Summary fixed="bottom">
            <Table.Summary.Row style={{ fontWeight: 600 }}>
              <Table.Summary.Cell index={0}>全小区合计</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">{s.estate.unitCount}</Table.Summary.Cell>
              {keys.map((k, i) => <Table.Summary.Cell key={k} index={i + 2} align="right">{formatFen(s.estate[k])}</Table.Summary.Cell>)}
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
    </>
  );
}
