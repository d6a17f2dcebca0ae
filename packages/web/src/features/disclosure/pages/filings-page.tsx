import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Select, Space, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { EstateView } from '@gongzhi/contracts';
import { ApiError, apiPost } from '../../../app/api.ts';
import { useCan } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { FilterBar } from '../../../app/components/filter-bar.tsx';
import { Page } from '../../../app/components/page.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { EstateSelect } from '../../registry/index.ts';
import { FilingStateTag } from '../components/filing-state-tag.tsx';
import { periodLabel, recentPeriodKeys, todayInShanghai } from '../labels.ts';
import type { CityRules, FilingListItem } from '../types.ts';

/** 公示备案: an estate's packages, every version of every period, and the way to compile the next one. */
export function FilingsPage() {
  return (
    <RequirePermission permission="disclosure.read">
      <Filings />
    </RequirePermission>
  );
}

function Filings() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const estateId = params.get('estateId') ? Number(params.get('estateId')) : undefined;
  const set = (patch: Record<string, string | number | undefined>) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      for (const [k, v] of Object.entries(patch)) (v === undefined || v === '' ? n.delete(k) : n.set(k, String(v)));
      return n;
    }, { replace: true });
  const first = useApi<{ items: EstateView[]; total: number }>(estateId ? null : '/estates', { page: 1, pageSize: 2 });
  useEffect(() => {
    if (!estateId && first.data?.total === 1) set({ estateId: first.data.items[0].id });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [first.data, estateId]);
  const canFile = useCan('disclosure.file');
  const rules = useApi<CityRules>(estateId ? '/disclosure/city-rules' : null, { estateId });
  const list = useApi<{ items: FilingListItem[]; total: number }>(estateId ? '/filings' : null, { estateId, pageSize: 200 });
  const r = rules.data;
  const keys = useMemo(() => (r ? recentPeriodKeys(r.periodKind, todayInShanghai(), 6).slice(1) : []), [r]);
  const [periodKey, setPeriodKey] = useState<string>();
  const [busy, setBusy] = useState(false);

  const compile = async () => {
    const key = periodKey ?? r?.currentPeriodKey;
    if (!estateId || !key) return;
    setBusy(true);
    try {
      const f = await apiPost<{ id: number }>(`/estates/${estateId}/filings`, { periodKey: key });
      navigate(`/filings/${f.id}`);
    } catch (e) {
      // one draft at a time: open the one there is
      const draft = list.data?.items.find((x) => x.state === 'draft' && x.periodKey === key);
      if (draft) navigate(`/filings/${draft.id}`);
      else message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="公示备案">
      <FilterBar>
        <EstateSelect value={estateId} onChange={(v) => set({ estateId: v })} allowClear={false} placeholder="选择小区" />
        {canFile && r && (
          <Space.Compact>
            <Select
              style={{ width: 170 }}
              value={periodKey ?? r.currentPeriodKey}
              onChange={setPeriodKey}
              options={keys.map((k) => ({ value: k, label: periodLabel(k) }))}
              data-testid="compile-period"
            />
            <Button type="primary" icon={<PlusOutlined />} loading={busy} onClick={() => void compile()} data-testid="compile-filing">编制公示</Button>
          </Space.Compact>
        )}
      </FilterBar>
      {!estateId && <Empty description="请选择小区" />}
      <ErrorAlert error={rules.error ?? list.error} onRetry={() => { rules.reload(); list.reload(); }} />
      {r && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${r.cityName}：按${r.periodKindLabel}公示，期满后 ${r.filingDueDays} 日内报${r.fileWithLabel}备案。${r.currentPeriodLabel}的公示应于 ${r.currentDueOn} 前报送。`}
          data-testid="city-rules"
        />
      )}
      {estateId && (
        <Table<FilingListItem>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 1000 }}
          locale={{ emptyText: '尚无公示备案' }}
          data-testid="filings-table"
          columns={[
            { title: '期间', dataIndex: 'periodKey', width: 150, render: (_, f) => f.periodLabel },
            { title: '主体', dataIndex: 'party', width: 200, render: (_, f) => <>{f.partyLabel}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{f.partyName}</Typography.Text></> },
            { title: '版本', dataIndex: 'version', width: 70, render: (v: number) => `第 ${v} 版` },
            { title: '状态', dataIndex: 'state', width: 150, render: (s: string, f) => <FilingStateTag state={s} label={f.stateLabel} late={f.late} /> },
            { title: '报送截止', dataIndex: 'dueOn', width: 110 },
            { title: '报送时间', dataIndex: 'filedAt', width: 150, render: (v: string | null) => formatDateTime(v) || '—' },
            { title: '审查意见', dataIndex: 'reviewNote', ellipsis: true, render: (v: string | null, f) => (f.state === 'returned' ? <Typography.Text type="warning">{v}</Typography.Text> : v || '—') },
            { title: '操作', width: 90, render: (_, f) => <Link to={`/filings/${f.id}`} data-testid={`open-filing-${f.id}`}>{f.state === 'draft' && canFile ? '编辑' : '查看'}</Link> },
          ]}
        />
      )}
    </Page>
  );
}
