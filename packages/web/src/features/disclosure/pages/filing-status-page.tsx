import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Row, Select, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, apiDownload } from '../../../app/api.ts';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { FilterBar } from '../../../app/components/filter-bar.tsx';
import { Page } from '../../../app/components/page.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { RegionTreeSelect } from '../../registry/index.ts';
import { CityRulesCard } from '../components/city-rules-card.tsx';
import { PERIOD_KIND_LABELS, periodLabel, recentPeriodKeys, todayInShanghai, type PeriodKind } from '../labels.ts';
import { FILING_STATE_LABELS } from '@gongzhi/contracts';
import type { FilingStatusRow, FilingStatusView } from '../types.ts';

// the domain's FILING_STATUS labels (filing-rules.ts)
const STATUS_FILTERS = [
  { value: 'missing', label: '逾期未报' }, { value: 'late', label: '逾期报送' }, { value: 'on_time', label: '按时报送' },
  { value: 'returned', label: '已退回' }, { value: 'pending', label: '未到期' },
];

/** How a row's latest version reads for an officer: 未报送, else the state's one label (contracts). */
function stateTag(r: FilingStatusRow) {
  const s = r.latest?.state;
  if (!s || s === 'draft') return <Tag>未报送</Tag>;
  const color = s === 'filed' ? 'blue' : s === 'acknowledged' ? 'green' : 'orange';
  return <Tag color={color}>{FILING_STATE_LABELS[s as keyof typeof FILING_STATE_LABELS] ?? s}</Tag>;
}

/** 备案情况: for the officer's region, each estate × party of the period — filed, late, missing — with the filings to review. */
export function FilingStatusPage() {
  return (
    <RequirePermission permission="disclosure.read">
      <FilingStatus />
    </RequirePermission>
  );
}

function FilingStatus() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const set = (patch: Record<string, string | number | undefined>) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      for (const [k, v] of Object.entries(patch)) (v === undefined || v === '' ? n.delete(k) : n.set(k, String(v)));
      return n;
    }, { replace: true });
  const kind = (params.get('kind') as PeriodKind | null) ?? 'quarter';
  const query = {
    periodKey: params.get('periodKey') ?? undefined,
    regionId: params.get('regionId') ?? undefined,
    status: params.get('status') ?? undefined,
  };
  const keys = useMemo(() => recentPeriodKeys(kind, todayInShanghai(), kind === 'month' ? 13 : 5).slice(1), [kind]);
  const q = useApi<FilingStatusView>('/disclosure/filing-status', query);
  const [exporting, setExporting] = useState(false);
  const exportXlsx = async () => {
    setExporting(true);
    try {
      await apiDownload('/disclosure/filing-status.xlsx', `公示备案情况-${query.periodKey ?? '最近一期'}.xlsx`, query);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };
  const s = q.data?.summary;
  const rows = q.data?.rows ?? [];
  const shownPeriod = query.periodKey ?? rows[0]?.periodKey;
  return (
    <Page title="公示备案情况">
      <CityRulesCard onSaved={q.reload} />
      <FilterBar
        onReset={() => setParams(new URLSearchParams(), { replace: true })}
        extra={<Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="export-status">导出 Excel</Button>}
      >
        <Select<PeriodKind>
          value={kind}
          style={{ width: 100 }}
          onChange={(k) => set({ kind: k, periodKey: undefined })}
          options={(['quarter', 'month', 'half_year'] as const).map((k) => ({ value: k, label: PERIOD_KIND_LABELS[k] }))}
        />
        <Select
          allowClear
          placeholder="最近一期（按各市规则）"
          style={{ width: 200 }}
          value={query.periodKey}
          onChange={(v) => set({ periodKey: v })}
          options={keys.map((k) => ({ value: k, label: periodLabel(k) }))}
          data-testid="status-period"
        />
        <RegionTreeSelect value={query.regionId ? Number(query.regionId) : undefined} onChange={(v) => set({ regionId: v })} />
        <Select allowClear placeholder="全部状态" style={{ width: 130 }} value={query.status} onChange={(v) => set({ status: v })} options={STATUS_FILTERS} data-testid="status-filter" />
      </FilterBar>
      <ErrorAlert error={q.error} onRetry={q.reload} />
      {s && (
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="status-summary">
          {[
            ['应报送', s.total, undefined], ['按时报送', s.onTime, '#067647'], ['逾期报送', s.late, '#d92d20'],
            ['逾期未报', s.missing, '#d92d20'], ['已退回', s.returned, '#b54708'],
            // filed and not yet acknowledged or returned: the officer's work
            ['待审查', rows.filter((r) => r.latest?.state === 'filed').length, '#1f6feb'],
          ].map(([title, value, color]) => (
            <Col key={title as string} xs={8} lg={4}>
              <Card size="small"><Statistic title={title as string} value={value as number} styles={{ content: { color: color as string | undefined } }} /></Card>
            </Col>
          ))}
        </Row>
      )}
      {shownPeriod && <Typography.Paragraph type="secondary">期间：{periodLabel(shownPeriod)}　今天：{q.data?.today}</Typography.Paragraph>}
      <Table<FilingStatusRow>
        rowKey={(r) => `${r.estateId}-${r.party}`}
        size="middle"
        loading={q.loading}
        dataSource={rows}
        scroll={{ x: 1000 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 条` }}
        locale={{ emptyText: '辖区内没有应报送的小区' }}
        data-testid="status-table"
        columns={[
          { title: '小区', dataIndex: 'estateName', width: 160 },
          { title: '街道', dataIndex: 'streetName', width: 140 },
          { title: '报送主体', dataIndex: 'partyLabel', width: 130 },
          { title: '期间', dataIndex: 'periodLabel', width: 140 },
          {
            title: '状态', width: 220,
            render: (_, r) => (
              <span data-testid={`status-${r.estateId}-${r.party}`}>
                {stateTag(r)}
                {r.late && <Tag color="red">逾期</Tag>}
                {r.flagged && <Typography.Text type="danger" style={{ fontSize: 12 }}>已发逾期提醒</Typography.Text>}
              </span>
            ),
          },
          { title: '报送截止', dataIndex: 'dueOn', width: 110 },
          { title: '报送时间', width: 160, render: (_, r) => formatDateTime(r.latest?.filedAt) || '—' },
          {
            title: '内容', width: 150,
            render: (_, r) => (r.latest ? <Link to={`/filings/${r.latest.id}`} data-testid={`review-${r.estateId}-${r.party}`}>{r.latest.state === 'filed' ? '审查' : '查看'}（第 {r.latest.version} 版）</Link> : '—'),
          },
        ]}
      />
    </Page>
  );
}
