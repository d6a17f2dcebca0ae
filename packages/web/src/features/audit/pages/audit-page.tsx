import type { AuditEventView } from '@gongzhi/contracts';
import { DatePicker, Input, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { FilterBar } from '../../../app/components/filter-bar.tsx';
import { Page } from '../../../app/components/page.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useLang } from '../../../app/i18n.tsx';
import { roleLabel } from '../../../app/labels.ts';
import { useListQuery } from '../../../app/use-list-query.ts';
import { EstateSelect } from '../../registry/index.ts';

const FILTERS = ['action', 'targetType', 'estateId', 'from', 'to'] as const;

/** The audit log of the caller's scope, newest first; read-only. */
export function AuditPage() {
  const { t, lang } = useLang();
  const list = useListQuery<AuditEventView>('/audit-events', FILTERS, { pageSize: 50 });
  const f = list.filters;
  return (
    <Page title={t('audit.title')}>
      <FilterBar onReset={list.reset}>
        <EstateSelect value={f.estateId ? Number(f.estateId) : undefined} onChange={(v) => list.setFilters({ estateId: v })} />
        <Input.Search
          allowClear
          placeholder={t('audit.action')}
          defaultValue={f.action}
          style={{ width: 200 }}
          onSearch={(v) => list.setFilters({ action: v.trim() })}
        />
        <Input.Search
          allowClear
          placeholder={t('f.target')}
          defaultValue={f.targetType}
          style={{ width: 160 }}
          onSearch={(v) => list.setFilters({ targetType: v.trim() })}
        />
        <DatePicker.RangePicker
          value={f.from && f.to ? [dayjs(f.from), dayjs(f.to)] : null}
          onChange={(r) => list.setFilters({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
        />
      </FilterBar>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<AuditEventView>
        {...list.tableProps}
        rowKey="seq"
        size="small"
        scroll={{ x: 1000 }}
        columns={[
          { title: '#', dataIndex: 'seq', width: 80 },
          { title: t('f.time'), dataIndex: 'at', width: 150, render: formatDateTime },
          {
            title: t('f.actor'),
            width: 180,
            render: (_, e) => (
              <>
                {e.actorName ?? '—'}
                {e.actorRole && <Typography.Text type="secondary"> · {roleLabel(e.actorRole, lang)}</Typography.Text>}
              </>
            ),
          },
          { title: t('f.action'), dataIndex: 'action', width: 170, render: (a: string) => <code>{a}</code> },
          { title: t('f.target'), width: 150, render: (_, e) => `${e.targetType}${e.targetId ? ' #' + e.targetId : ''}` },
          {
            title: t('f.summary'),
            dataIndex: 'summary',
            render: (s: Record<string, unknown>) => (
              <Typography.Text style={{ fontSize: 12 }} ellipsis={{ tooltip: JSON.stringify(s, null, 1) }}>
                {JSON.stringify(s)}
              </Typography.Text>
            ),
          },
          { title: 'IP', dataIndex: 'clientIp', width: 120 },
        ]}
      />
    </Page>
  );
}
