import type { ServiceContractView } from '@gongzhi/contracts';
import { Select, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { FilterBar } from '../../../app/components/filter-bar.tsx';
import { Page } from '../../../app/components/page.tsx';
import { formatDate } from '../../../app/format.ts';
import { useT } from '../../../app/i18n.tsx';
import { useListQuery } from '../../../app/use-list-query.ts';
import { EstateSelect } from '../components/estate-select.tsx';

const FILTERS = ['estateId', 'companyId', 'active'] as const;

export function ContractsPage() {
  const t = useT();
  const list = useListQuery<ServiceContractView>('/service-contracts', FILTERS);
  const f = list.filters;
  return (
    <Page title={t('menu.contracts')}>
      <FilterBar onReset={list.reset}>
        <EstateSelect value={f.estateId ? Number(f.estateId) : undefined} onChange={(estateId) => list.setFilters({ estateId })} />
        <Select
          allowClear
          placeholder={t('f.status')}
          value={f.active}
          onChange={(active) => list.setFilters({ active })}
          style={{ width: 120 }}
          options={[
            { value: 'true', label: t('status.active') },
            { value: 'false', label: t('status.ended') },
          ]}
        />
      </FilterBar>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<ServiceContractView>
        {...list.tableProps}
        columns={[
          { title: t('f.company'), dataIndex: 'companyName' },
          { title: t('f.estate'), dataIndex: 'estateName', render: (n: string, c) => <Link to={`/registry/estates/${c.estateId}`}>{n}</Link> },
          { title: t('f.term'), render: (_, c) => `${formatDate(c.startsOn)} ~ ${formatDate(c.endsOn)}` },
          { title: t('f.status'), dataIndex: 'active', render: (a: boolean) => <Tag color={a ? 'green' : 'default'}>{t(a ? 'status.active' : 'status.ended')}</Tag> },
        ]}
      />
    </Page>
  );
}
