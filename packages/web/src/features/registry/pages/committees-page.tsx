import type { CommitteeView } from '@gongzhi/contracts';
import { Table } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { FilterBar } from '../../../app/components/filter-bar.tsx';
import { Page } from '../../../app/components/page.tsx';
import { formatDate } from '../../../app/format.ts';
import { useLang } from '../../../app/i18n.tsx';
import { label } from '../../../app/labels.ts';
import { useListQuery } from '../../../app/use-list-query.ts';
import { CommitteeMembers } from '../components/committee-members.tsx';
import { EstateSelect } from '../components/estate-select.tsx';
import { LabelSelect } from '../components/label-select.tsx';

const FILTERS = ['estateId', 'kind'] as const;

export function CommitteesPage() {
  const { t, lang } = useLang();
  const list = useListQuery<CommitteeView>('/committees', FILTERS);
  const f = list.filters;
  // the estate page links here with ?open=<committee id> to show its members at once
  const [params] = useSearchParams();
  const open = params.get('open');
  return (
    <Page title={t('menu.committees')}>
      <FilterBar onReset={list.reset}>
        <EstateSelect value={f.estateId ? Number(f.estateId) : undefined} onChange={(estateId) => list.setFilters({ estateId })} />
        <LabelSelect set="committeeKind" value={f.kind} onChange={(kind) => list.setFilters({ kind })} placeholder={t('f.kind')} width={160} />
      </FilterBar>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<CommitteeView>
        {...list.tableProps}
        expandable={{
          expandedRowRender: (c) => <CommitteeMembers committeeId={c.id} />,
          defaultExpandedRowKeys: open ? [Number(open)] : [],
        }}
        columns={[
          { title: t('f.name'), dataIndex: 'name' },
          { title: t('f.estate'), dataIndex: 'estateName', render: (n: string, c) => <Link to={`/registry/estates/${c.estateId}`}>{n}</Link> },
          { title: t('f.kind'), dataIndex: 'kind', render: (k: string) => label('committeeKind', k, lang) },
          { title: t('f.term'), render: (_, c) => `${formatDate(c.termStart)} ~ ${formatDate(c.termEnd)}` },
          { title: t('f.members'), dataIndex: 'memberCount', align: 'right' },
        ]}
      />
    </Page>
  );
}
