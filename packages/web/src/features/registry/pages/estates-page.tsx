import type { EstateView } from '@gongzhi/contracts';
import { Table, Tag } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { FilterBar } from '../../../app/components/filter-bar.tsx';
import { Page } from '../../../app/components/page.tsx';
import { formatArea } from '../../../app/format.ts';
import { useLang } from '../../../app/i18n.tsx';
import { label } from '../../../app/labels.ts';
import { useListQuery } from '../../../app/use-list-query.ts';
import { RegionTreeSelect } from '../components/region-tree-select.tsx';

const FILTERS = ['regionId', 'q'] as const;
const STATUS_COLOR = { committee: 'green', acting_body: 'orange', none: 'default' } as const;

export function EstatesPage() {
  const { t, lang } = useLang();
  const list = useListQuery<EstateView>('/estates', FILTERS);
  const f = list.filters;
  return (
    <Page title={t('menu.estates')}>
      <FilterBar q={f.q} onSearch={(q) => list.setFilters({ q })} placeholder={t('q.estates')} onReset={list.reset}>
        <RegionTreeSelect value={f.regionId ? Number(f.regionId) : undefined} onChange={(regionId) => list.setFilters({ regionId })} />
      </FilterBar>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<EstateView>
        {...list.tableProps}
        scroll={{ x: 1000 }}
        columns={[
          { title: t('f.name'), dataIndex: 'name', render: (n: string, e) => <Link to={`/registry/estates/${e.id}`}>{n}</Link> },
          { title: t('f.region'), render: (_, e) => [e.districtName, e.streetName, e.communityName].filter(Boolean).join(' / ') },
          { title: t('f.buildings'), dataIndex: 'buildingCount', align: 'right', width: 90 },
          {
            title: t('f.units'),
            dataIndex: 'unitCount',
            align: 'right',
            width: 90,
            render: (n: number, e) => <Link to={`/registry/units?estateId=${e.id}`}>{n}</Link>,
          },
          { title: t('f.area'), dataIndex: 'totalAreaCenti', align: 'right', width: 140, render: formatArea },
          { title: t('f.company'), dataIndex: 'propertyCompanyName', render: (v: string | null) => v ?? '—' },
          {
            title: t('f.committee'),
            dataIndex: 'committeeStatus',
            width: 110,
            render: (s: EstateView['committeeStatus']) => <Tag color={STATUS_COLOR[s]}>{label('committeeStatus', s, lang)}</Tag>,
          },
        ]}
      />
    </Page>
  );
}
