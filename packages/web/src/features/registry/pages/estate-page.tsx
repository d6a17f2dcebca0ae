import type { BuildingView, EstateDetailView } from '@gongzhi/contracts';
import { Button, Card, Descriptions, Skeleton, Table, Tag } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatArea, formatDate } from '../../../app/format.ts';
import { useLang } from '../../../app/i18n.tsx';
import { label } from '../../../app/labels.ts';
import { useApi } from '../../../app/use-api.ts';

export function EstatePage() {
  const { t, lang } = useLang();
  const navigate = useNavigate();
  const { id } = useParams();
  const estate = useApi<EstateDetailView>(`/estates/${id}`);
  const buildings = useApi<{ items: BuildingView[] }>(`/estates/${id}/buildings`);
  const e = estate.data;
  if (estate.error) return <ErrorAlert error={estate.error} onRetry={estate.reload} />;
  if (!e) return <Skeleton active />;
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Card
        title={`${t('estate.detail')}：${e.name}`}
        extra={<Button onClick={() => navigate(-1)}>{t('back')}</Button>}
      >
        <Descriptions
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'code', label: t('f.code'), children: e.code },
            { key: 'addr', label: t('f.address'), children: e.address || '—' },
            { key: 'region', label: t('f.region'), children: [e.districtName, e.streetName, e.communityName].filter(Boolean).join(' / ') },
            { key: 'units', label: t('f.units'), children: <Link to={`/registry/units?estateId=${e.id}`}>{e.unitCount}</Link> },
            { key: 'area', label: t('f.area'), children: formatArea(e.totalAreaCenti) },
            { key: 'dev', label: t('f.developer'), children: e.developerName ?? '—' },
            { key: 'company', label: t('f.company'), children: e.propertyCompanyName ?? '—' },
            { key: 'committee', label: t('f.committee'), children: label('committeeStatus', e.committeeStatus, lang) },
          ]}
        />
      </Card>
      <Card title={t('estate.buildingsTitle')}>
        <Table<BuildingView>
          rowKey="id"
          size="small"
          loading={buildings.loading}
          dataSource={buildings.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('f.building'), dataIndex: 'name' },
            { title: t('f.floors'), dataIndex: 'floors', align: 'right' },
            { title: t('f.units'), dataIndex: 'unitCount', align: 'right' },
            {
              title: '',
              render: (_, b) => <Link to={`/registry/units?estateId=${e.id}&buildingId=${b.id}`}>{t('estate.viewUnits')}</Link>,
            },
          ]}
        />
      </Card>
      <Card title={t('menu.contracts')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={e.serviceContracts}
          columns={[
            { title: t('f.company'), dataIndex: 'companyName' },
            { title: t('f.term'), render: (_, c) => `${formatDate(c.startsOn)} ~ ${formatDate(c.endsOn)}` },
            { title: t('f.status'), dataIndex: 'active', render: (a: boolean) => <Tag color={a ? 'green' : 'default'}>{t(a ? 'status.active' : 'status.ended')}</Tag> },
          ]}
        />
      </Card>
      <Card title={t('menu.committees')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={e.committees}
          locale={{ emptyText: t('committee.none') }}
          columns={[
            { title: t('f.name'), dataIndex: 'name', render: (n: string, c) => <Link to={`/registry/committees?estateId=${e.id}&open=${c.id}`}>{n}</Link> },
            { title: t('f.kind'), dataIndex: 'kind', render: (k: string) => label('committeeKind', k, lang) },
            { title: t('f.term'), render: (_, c) => `${formatDate(c.termStart)} ~ ${formatDate(c.termEnd)}` },
            { title: t('f.members'), dataIndex: 'memberCount', align: 'right' },
          ]}
        />
      </Card>
    </div>
  );
}
