import type { OwnerView } from '@gongzhi/contracts';
import { Space, Table, Tag } from 'antd';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { FilterBar } from '../../../app/components/filter-bar.tsx';
import { Page } from '../../../app/components/page.tsx';
import { useLang } from '../../../app/i18n.tsx';
import { label } from '../../../app/labels.ts';
import { useListQuery } from '../../../app/use-list-query.ts';
import { EstateSelect } from '../components/estate-select.tsx';
import { LabelSelect } from '../components/label-select.tsx';
import { RevealIdButton } from '../components/reveal-id-button.tsx';

const FILTERS = ['estateId', 'kind', 'q'] as const;

export function OwnersPage() {
  const { t, lang } = useLang();
  const list = useListQuery<OwnerView>('/owners', FILTERS, { pageSize: 50 });
  const f = list.filters;
  return (
    <Page title={t('menu.owners')}>
      <FilterBar q={f.q} onSearch={(q) => list.setFilters({ q })} placeholder={t('q.owners')} onReset={list.reset}>
        <EstateSelect value={f.estateId ? Number(f.estateId) : undefined} onChange={(estateId) => list.setFilters({ estateId })} />
        <LabelSelect set="ownerKind" value={f.kind} onChange={(kind) => list.setFilters({ kind })} placeholder={t('f.ownerKind')} width={120} />
      </FilterBar>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<OwnerView>
        {...list.tableProps}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('f.name'),
            dataIndex: 'name',
            render: (n: string, o) => (
              <>
                {n}
                {o.isDeveloper && <Tag color="purple" style={{ marginLeft: 6 }}>{t('f.developer')}</Tag>}
              </>
            ),
          },
          { title: t('f.ownerKind'), dataIndex: 'kind', width: 90, render: (k: string) => label('ownerKind', k, lang) },
          {
            title: t('f.idNumber'),
            render: (_, o) =>
              o.kind === 'organisation' ? (
                <code>{o.creditCode}</code>
              ) : (
                <Space size={4}>
                  <code>{o.maskedIdNumber}</code>
                  <RevealIdButton ownerId={o.id} />
                </Space>
              ),
          },
          { title: t('f.phone'), dataIndex: 'maskedPhone', width: 130 },
          { title: t('f.units'), dataIndex: 'unitCount', align: 'right', width: 80 },
        ]}
      />
    </Page>
  );
}
