import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useApi } from '../../../app/use-api.ts';
import { formatFen } from '../money.ts';
import type { FundUnitRow } from '../types.ts';

/**
 * One unit of an estate's fund, searched on the server by "楼栋-房号"; each option shows the unit's
 * balance so the ledger keeper sees what can be refunded. The chosen unit keeps its label while
 * the search shows other ones.
 */
export function FundUnitSelect(props: {
  estateId: number; value?: number; onChange?: (id: number | undefined) => void; onPicked?: (u: FundUnitRow | undefined) => void;
}) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const id = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(id);
  }, [typed]);
  const { data, loading } = useApi<{ items: FundUnitRow[] }>(`/estates/${props.estateId}/fund/units`, { q: q || undefined, page: 1, pageSize: 50 });
  const known = useRef(new Map<number, FundUnitRow>());
  for (const u of data?.items ?? []) known.current.set(u.unitId, u);
  const label = (u: FundUnitRow) => `${u.unit}（余额 ${formatFen(u.balanceFen)}）`;
  const options = (data?.items ?? []).map((u) => ({ value: u.unitId, label: label(u) }));
  if (props.value && !options.some((o) => o.value === props.value)) {
    const u = known.current.get(props.value);
    options.unshift({ value: props.value, label: u ? label(u) : `#${props.value}` });
  }
  const pending = loading || typed.trim() !== q;
  return (
    <Select<number>
      allowClear
      value={props.value}
      onChange={(v) => { props.onChange?.(v); props.onPicked?.(v ? known.current.get(v) : undefined); }}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      onBlur={() => setTyped('')}
      loading={pending}
      placeholder="输入楼栋-房号搜索（如 1幢-101）"
      style={{ width: '100%' }}
      options={options}
      notFoundContent={pending ? '加载中…' : '没有匹配的房屋'}
      data-testid="booking-unit"
    />
  );
}
