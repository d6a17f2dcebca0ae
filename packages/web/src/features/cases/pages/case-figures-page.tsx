import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Row, Select, Spin, Statistic, Table } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, apiDownload } from '../../../app/api.ts';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { FilterBar } from '../../../app/components/filter-bar.tsx';
import { Page } from '../../../app/components/page.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { useApi } from '../../../app/use-api.ts';
import { useCan } from '../../../app/auth.tsx';
import { EstateSelect } from '../../registry/index.ts';
import { CASE_FIGURE_GROUP_LABELS, formatPermille, formatRatingCenti } from '@gongzhi/contracts';
import { CASE_CATEGORIES, CASE_CATEGORY_LABELS, shanghaiDate } from '../labels.ts';
import { figuresRowKey, type CaseFigures, type FiguresRow } from '../types.ts';

// the chart code (echarts) loads only when figures are on screen
const VolumeChart = lazy(async () => ({ default: (await import('../components/figures-chart.tsx')).VolumeChart }));
const RatesChart = lazy(async () => ({ default: (await import('../components/figures-chart.tsx')).RatesChart }));

const GROUPS = Object.entries(CASE_FIGURE_GROUP_LABELS).map(([value, label]) => ({ value, label }));

// a rate over nothing (no case resolved, none rated) reads as a dash, not 0%
const inTime = (r: FiguresRow) => (r.resolved ? formatPermille(r.inTimePermille) : '—');
const reopen = (r: FiguresRow) => (r.total ? formatPermille(r.reopenPermille) : '—');
const rating = (r: FiguresRow) => (r.rated ? formatRatingCenti(r.avgRatingCenti) : '—');

/** 案件统计: volumes by category, share resolved in time, reopen rate and average rating per estate, company, street or department. */
export function CaseFiguresPage() {
  return (
    <RequirePermission permission="case.read">
      <Figures />
    </RequirePermission>
  );
}

function Figures() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const today = shanghaiDate(new Date());
  const query = {
    groupBy: params.get('groupBy') ?? 'estate',
    // the last 90 days unless chosen
    from: params.get('from') ?? dayjs(today).subtract(89, 'day').format('YYYY-MM-DD'),
    to: params.get('to') ?? today,
    category: params.get('category') ?? undefined,
    estateId: params.get('estateId') ?? undefined,
  };
  const set = (patch: Record<string, string | undefined>) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      for (const [k, v] of Object.entries(patch)) (v ? n.set(k, v) : n.delete(k));
      return n;
    }, { replace: true });
  const canSeeEstates = useCan('registry.read');
  const q = useApi<CaseFigures>('/cases/figures', query);
  const rows = useMemo(() => q.data?.rows ?? [], [q.data]);
  const totals = q.data?.totals;
  const [exporting, setExporting] = useState(false);
  const exportXlsx = async () => {
    setExporting(true);
    try {
      await apiDownload('/cases/figures.xlsx', `案件统计-${query.from}至${query.to}.xlsx`, query);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };
  const used = CASE_CATEGORIES.filter((c) => rows.some((r) => (r.byCategory[c as keyof typeof r.byCategory] ?? 0) > 0));
  const groupLabel = GROUPS.find((g) => g.value === query.groupBy)?.label.slice(1) ?? '';

  return (
    <Page title="案件统计" extra={<Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="figures-export">导出 Excel</Button>}>
      <FilterBar onReset={() => setParams(new URLSearchParams(), { replace: true })}>
        <Select style={{ width: 140 }} value={query.groupBy} onChange={(v) => set({ groupBy: v })} options={GROUPS} data-testid="figures-group" />
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(query.from), dayjs(query.to)]}
          onChange={(v) => v?.[0] && v[1] && set({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
          data-testid="figures-range"
        />
        {canSeeEstates && <EstateSelect value={query.estateId ? Number(query.estateId) : undefined} onChange={(v) => set({ estateId: v ? String(v) : undefined })} placeholder="全部小区" />}
        <Select
          allowClear
          placeholder="全部类别"
          style={{ width: 150 }}
          value={query.category}
          onChange={(v) => set({ category: v })}
          options={CASE_CATEGORIES.map((c) => ({ value: c, label: CASE_CATEGORY_LABELS[c] }))}
          data-testid="figures-category"
        />
      </FilterBar>
      <ErrorAlert error={q.error} onRetry={q.reload} />
      {totals && (
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="figures-totals">
          {([
            ['案件总数', String(totals.total)],
            ['已办结', String(totals.resolved)],
            ['按时办结率', inTime(totals)],
            ['重开率', reopen(totals)],
            ['平均评分', rating(totals)],
            ['评价数', String(totals.rated)],
          ] as const).map(([title, value]) => (
            <Col key={title} xs={8} lg={4}>
              <Card size="small"><Statistic title={title} value={value} /></Card>
            </Col>
          ))}
        </Row>
      )}
      {rows.length > 0 && (
        <Suspense fallback={<Spin style={{ display: 'block', margin: '48px auto' }} />}>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={24} xl={14}><Card size="small" title="各类别案件量"><VolumeChart rows={rows} /></Card></Col>
            <Col xs={24} xl={10}><Card size="small" title="按时办结率、重开率与平均评分"><RatesChart rows={rows} /></Card></Col>
          </Row>
        </Suspense>
      )}
      <Table<FiguresRow>
        rowKey={figuresRowKey}
        size="small"
        loading={q.loading}
        dataSource={rows}
        scroll={{ x: 900 + used.length * 90 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: '所选期间没有案件' }}
        data-testid="figures-table"
        summary={() => totals && rows.length > 1 ? (
          <Table.Summary.Row style={{ fontWeight: 600 }}>
            {[ '合计', totals.total, ...used.map((c) => totals.byCategory[c as keyof typeof totals.byCategory] ?? 0), totals.resolved, inTime(totals), totals.reopened, reopen(totals), rating(totals)]
              .map((v, i) => <Table.Summary.Cell key={i} index={i} align={i === 0 ? 'left' : 'right'}>{v}</Table.Summary.Cell>)}
          </Table.Summary.Row>
        ) : null}
        columns={[
          { title: groupLabel, dataIndex: 'name', width: 180, fixed: 'left' },
          { title: '案件数', dataIndex: 'total', width: 80, align: 'right' },
          ...used.map((c) => ({ title: CASE_CATEGORY_LABELS[c], key: c, width: 90, align: 'right' as const, render: (_: unknown, r: FiguresRow) => r.byCategory[c as keyof typeof r.byCategory] ?? 0 })),
          { title: '已办结', dataIndex: 'resolved', width: 80, align: 'right' },
          { title: '按时办结率', dataIndex: 'inTimePermille', width: 100, align: 'right', render: (_, r) => inTime(r) },
          { title: '重开', dataIndex: 'reopened', width: 70, align: 'right' },
          { title: '重开率', dataIndex: 'reopenPermille', width: 90, align: 'right', render: (_, r) => reopen(r) },
          { title: '平均评分', dataIndex: 'avgRatingCenti', width: 110, align: 'right', render: (_, r) => (r.rated ? `${rating(r)}（${r.rated} 评）` : '—') },
        ]}
      />
    </Page>
  );
}
