import type { CompanyView } from '@gongzhi/contracts';
import { Table } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { FilterBar } from '../../../app/components/filter-bar.tsx';
import { Page } from '../../../app/components/page.tsx';
import { useT } from '../../../app/i18n.tsx';
import { useListQuery } from '../../../app/use-list-query.ts';

const FILTERS = ['q'] as const;

export function CompaniesPage() {
  const t = useT();
  const list = useListQuery<CompanyView>('/companies', FILTERS);
  return (
    <Page title={t('menu.companies')}>
      <FilterBar q={list.filters.q} onSearch={(q) => list.setFilters({ q })} placeholder={t('q.companies')} onReset={list.reset} />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<CompanyView>
        {...list.tableProps}
        columns={[
          { title: t('f.name'), dataIndex: 'name' },
          { title: t('f.creditCode'), dataIndex: 'creditCode', render: (c: string) => <code>{c}</code> },
          { title: t('f.phone'), dataIndex: 'phone', render: (p: string | null) => p ?? '—' },
          {
            title: t('menu.contracts'),
            dataIndex: 'contractCount',
            align: 'right',
            render: (n: number, c) => <Link to={`/registry/contracts?companyId=${c.id}`}>{n}</Link>,
          },
        ]}
      />
    </Page>
  );
}
