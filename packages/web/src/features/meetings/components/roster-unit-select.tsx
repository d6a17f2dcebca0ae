import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { formatArea } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import type { RosterPage } from '../types.ts';

/** A unit of the meeting's frozen roster, searched by building or number. */
export function RosterUnitSelect(props: { meetingId: number; value?: number; onChange?: (unitId: number | undefined) => void; testId?: string }) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(t);
  }, [typed]);
  const { data, loading } = useApi<RosterPage>(`/meetings/${props.meetingId}/roster`, { q: q || undefined, page: 1, pageSize: 200 });
  return (
    <Select<number>
      // the server pages the roster; the typed text also narrows the loaded page here
      showSearch={{ filterOption: (input, o) => String(o?.label ?? '').includes(input.trim()), onSearch: setTyped }}
      allowClear
      value={props.value}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      loading={loading || typed.trim() !== q}
      placeholder="输入楼栋或房号搜索"
      style={{ width: '100%' }}
      data-testid={props.testId}
      options={(data?.items ?? []).map((u) => ({ value: u.unitId, label: `${u.building}-${u.number}（${formatArea(u.areaCenti)}）` }))}
      notFoundContent={loading ? '加载中…' : '名册中没有匹配的房屋'}
    />
  );
}
