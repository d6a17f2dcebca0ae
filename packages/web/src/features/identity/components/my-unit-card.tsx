import type { MyUnitView } from '@gongzhi/contracts';
import { Card, Descriptions, Tag } from 'antd';
import { formatArea } from '../../../app/format.ts';
import { useLang } from '../../../app/i18n.tsx';
import { label } from '../../../app/labels.ts';

/** One of the owner's units, sized for a phone. */
export function MyUnitCard({ unit }: { unit: MyUnitView }) {
  const { t, lang } = useLang();
  return (
    <Card
      size="small"
      data-testid="my-unit"
      title={
        <span>
          {unit.estateName} · {unit.building} {unit.number}
        </span>
      }
      extra={<Tag color="green">{label('status', unit.status, lang)}</Tag>}
      style={{ marginBottom: 12 }}
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'estate', label: t('f.estate'), children: unit.estateName },
          { key: 'unit', label: `${t('f.building')} / ${t('f.unitNo')}`, children: `${unit.building} ${unit.number}` },
          { key: 'area', label: t('my.area'), children: formatArea(unit.areaCenti) },
          { key: 'kind', label: t('f.kind'), children: label('kind', unit.kind, lang) },
          ...(unit.coOwners > 1 ? [{ key: 'co', label: t('f.shares'), children: `${unit.coOwners}` }] : []),
        ]}
      />
    </Card>
  );
}
