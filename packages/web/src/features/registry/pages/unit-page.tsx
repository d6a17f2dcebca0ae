import type { OwnershipView, UnitDetailView } from '@gongzhi/contracts';
import { Button, Card, Descriptions, Skeleton, Table, Tag } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatArea, formatDate } from '../../../app/format.ts';
import { useLang } from '../../../app/i18n.tsx';
import { label } from '../../../app/labels.ts';
import { useApi } from '../../../app/use-api.ts';

export function UnitPage() {
  const { t, lang } = useLang();
  const navigate = useNavigate();
  const { id } = useParams();
  const { data: u, error, reload } = useApi<UnitDetailView>(`/units/${id}`);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!u) return <Skeleton active />;
  // newest first reads best: the current owners on top
  const history = [...u.history].reverse();
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Card
        title={`${t('unit.detail')}：${u.estateName} ${u.buildingName} ${u.number}`}
        extra={<Button onClick={() => navigate(-1)}>{t('back')}</Button>}
      >
        <Descriptions
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'estate', label: t('f.estate'), children: <Link to={`/registry/estates/${u.estateId}`}>{u.estateName}</Link> },
            { key: 'building', label: t('f.building'), children: u.buildingName },
            { key: 'number', label: t('f.unitNo'), children: u.number },
            { key: 'kind', label: t('f.kind'), children: label('kind', u.kind, lang) },
            { key: 'status', label: t('f.status'), children: label('status', u.status, lang) },
            { key: 'area', label: t('f.area'), children: <span data-testid="unit-area">{formatArea(u.areaCenti)}</span> },
            { key: 'src', label: t('f.areaSource'), children: label('areaSource', u.areaSource, lang) },
            { key: 'owners', label: t('unit.currentOwners'), children: u.ownerNames.join('、') || '—' },
          ]}
        />
      </Card>
      <Card title={t('unit.history')}>
        <Table<OwnershipView>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={history}
          data-testid="ownership-history"
          columns={[
            {
              title: t('f.owner'),
              dataIndex: 'ownerName',
              render: (n: string, o) => (
                <>
                  {n}
                  {o.current && <Tag color="green" style={{ marginLeft: 6 }}>{t('f.current')}</Tag>}
                </>
              ),
            },
            { title: t('f.ownerKind'), dataIndex: 'ownerKind', render: (k: string) => label('ownerKind', k, lang) },
            { title: t('f.idNumber'), dataIndex: 'document', render: (d: string) => <code>{d}</code> },
            { title: t('f.from'), dataIndex: 'validFrom', render: formatDate },
            { title: t('f.to'), dataIndex: 'validTo', render: (d: string | null) => (d ? formatDate(d) : t('unit.untilNow')) },
          ]}
        />
      </Card>
    </div>
  );
}
