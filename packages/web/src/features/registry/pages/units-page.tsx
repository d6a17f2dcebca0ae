import type { UnitView } from '@gongzhi/contracts';
import { Table, Tag } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { FilterBar } from '../../../app/components/filter-bar.tsx';
import { Page } from '../../../app/components/page.tsx';
import { formatArea } from '../../../app/format.ts';
import { useLang } from '../../../app/i18n.tsx';
import { label } from '../../../app/labels.ts';
import { useListQuery } from '../../../app/use-list-query.ts';
import { BuildingSelect } from '../components/building-select.tsx';
import { EstateSelect } from '../components/estate-select.tsx';
import { LabelSelect } from '../components/label-select.tsx';

const FILTERS = ['estateId', 'buildingId', 'kind', 'status', 'areaSource', 'q'] as const;
const STATUS_COLOR = { sold: 'green', unsold: 'blue', undelivered: 'orange' } as const;

export function UnitsPage() {
  const { t, lang } = useLang();
  const list = useListQuery<UnitView>('/units', FILTERS, { pageSize: 50 });
  const f = list.filters;
  const estateId = f.estateId ? Number(f.estateId) : undefined;
  return (
    <Page title={t('menu.units')}>
      <FilterBar q={f.q} onSearch={(q) => list.setFilters({ q })} placeholder={t('q.units')} onReset={list.reset}>
        <EstateSelect value={estateId} onChange={(v) => list.setFilters({ estateId: v, buildingId: undefined })} />
        <BuildingSelect estateId={estateId} value={f.buildingId ? Number(f.buildingId) : undefined} onChange={(buildingId) => list.setFilters({ buildingId })} />
        <LabelSelect set="kind" value={f.kind} onChange={(kind) => list.setFilters({ kind })} placeholder={t('f.kind')} width={110} />
        <LabelSelect set="status" value={f.status} onChange={(status) => list.setFilters({ status })} placeholder={t('f.status')} width={110} />
        <LabelSelect set="areaSource" value={f.areaSource} onChange={(areaSource) => list.setFilters({ areaSource })} placeholder={t('f.areaSource')} />
      </FilterBar>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<UnitView>
        {...list.tableProps}
        size="middle"
        scroll={{ x: 900 }}
        columns={[
          { title: t('f.building'), dataIndex: 'buildingName', width: 110 },
          {
            title: t('f.unitNo'),
            dataIndex: 'number',
            width: 110,
            render: (n: string, u) => <Link to={`/registry/units/${u.id}`}>{n}</Link>,
          },
          { title: t('f.kind'), dataIndex: 'kind', width: 80, render: (k: string) => label('kind', k, lang) },
          {
            title: t('f.status'),
            dataIndex: 'status',
            width: 90,
            render: (s: UnitView['status']) => <Tag color={STATUS_COLOR[s]}>{label('status', s, lang)}</Tag>,
          },
          { title: t('f.area'), dataIndex: 'areaCenti', align: 'right', width: 120, render: formatArea },
          { title: t('f.areaSource'), dataIndex: 'areaSource', width: 110, render: (s: string) => label('areaSource', s, lang) },
          {
            title: t('f.owners'),
            dataIndex: 'ownerNames',
            render: (names: string[], u) => (
              <>
                {names.join('、') || '—'}
                {u.coOwned && <Tag style={{ marginLeft: 6 }}>{t('f.shares')}</Tag>}
              </>
            ),
          },
        ]}
      />
    </Page>
  );
}
