import type { UnitView } from '@gongzhi/contracts';
import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useApi } from '../../../app/use-api.ts';
import { formatArea } from '../../../app/format.ts';

/**
 * Units of one estate for a charging scope, searched on the server by number ("1-101") or owner
 * name. The chosen units keep their labels while the search shows other ones.
 */
export function UnitMultiSelect(props: { estateId?: number; value?: number[]; onChange?: (ids: number[]) => void; testId?: string }) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const id = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(id);
  }, [typed]);
  const { data, loading } = useApi<{ items: UnitView[] }>(props.estateId ? '/units' : null, { estateId: props.estateId, q: q || undefined, page: 1, pageSize: 50 });
  const known = useRef(new Map<number, string>());
  for (const u of data?.items ?? []) known.current.set(u.id, `${u.number}（${formatArea(u.areaCenti)}）`);
  const options = (data?.items ?? []).map((u) => ({ value: u.id, label: known.current.get(u.id)! }));
  for (const id of props.value ?? []) {
    if (!options.some((o) => o.value === id)) options.unshift({ value: id, label: known.current.get(id) ?? `#${id}` });
  }
  const pending = loading || typed.trim() !== q;
  return (
    <Select<number[]>
      mode="multiple"
      disabled={!props.estateId}
      value={props.value}
      onChange={(v) => props.onChange?.(v)}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      onBlur={() => setTyped('')}
      loading={pending}
      placeholder="输入房号（如 1-101）或业主姓名搜索"
      style={{ width: '100%' }}
      options={options}
      notFoundContent={pending ? '加载中…' : '没有匹配的房屋'}
      data-testid={props.testId ?? 'scope-units'}
    />
  );
}
