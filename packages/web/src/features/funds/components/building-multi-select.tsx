import type { BuildingView } from '@gongzhi/contracts';
import { Select } from 'antd';
import { useApi } from '../../../app/use-api.ts';

/** Buildings of one estate for a charging scope. */
export function BuildingMultiSelect(props: { estateId?: number; value?: number[]; onChange?: (ids: number[]) => void }) {
  const { data, loading } = useApi<{ items: BuildingView[] }>(props.estateId ? `/estates/${props.estateId}/buildings` : null);
  return (
    <Select<number[]>
      mode="multiple"
      disabled={!props.estateId}
      loading={loading}
      value={props.value}
      onChange={(v) => props.onChange?.(v)}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="选择楼栋"
      style={{ width: '100%' }}
      options={(data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
      data-testid="scope-buildings"
    />
  );
}
