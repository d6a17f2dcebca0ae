import type { BuildingView } from '@gongzhi/contracts';
import { Select } from 'antd';
import { useT } from '../../../app/i18n.tsx';
import { useApi } from '../../../app/use-api.ts';

/** The buildings of one estate; disabled until an estate is chosen. */
export function BuildingSelect(props: { estateId?: number; value?: number; onChange: (id: number | undefined) => void }) {
  const t = useT();
  const { data, loading } = useApi<{ items: BuildingView[] }>(props.estateId ? `/estates/${props.estateId}/buildings` : null);
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      disabled={!props.estateId}
      loading={loading}
      value={props.value}
      onChange={(v) => props.onChange(v ?? undefined)}
      placeholder={t('f.building')}
      style={{ width: 140 }}
      data-testid="building-select"
      options={(data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
    />
  );
}
