import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { apiGet } from '../../../app/api.ts';
import { formatArea } from '../../../app/format.ts';
import type { RosterPage, RosterUnit } from '../types.ts';

// The roster endpoint pages but does not search, so the picker loads the frozen roster once (200
// units a request, when first opened) and narrows it here as one types "10-1202" or "10号楼".
const PAGE = 200;
const MAX_PAGES = 100;
const cache = new Map<number, Promise<RosterUnit[]>>();

function loadRoster(meetingId: number): Promise<RosterUnit[]> {
  let p = cache.get(meetingId);
  if (!p) {
    p = (async () => {
      const all: RosterUnit[] = [];
      for (let page = 1; page <= MAX_PAGES; page++) {
        const r = await apiGet<RosterPage>(`/meetings/${meetingId}/roster`, { page, pageSize: PAGE });
        all.push(...r.items);
        if (all.length >= r.total || r.items.length === 0) break;
      }
      return all;
    })();
    p.catch(() => cache.delete(meetingId));
    cache.set(meetingId, p);
  }
  return p;
}

/** A unit of the meeting's frozen roster, searched by building or number. */
export function RosterUnitSelect(props: { meetingId: number; value?: number; onChange?: (unitId: number | undefined) => void; testId?: string }) {
  const [open, setOpen] = useState(false);
  const [units, setUnits] = useState<RosterUnit[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!open && props.value === undefined) return;
    let live = true;
    loadRoster(props.meetingId).then((u) => live && setUnits(u)).catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [open, props.meetingId, props.value]);
  return (
    <Select<number>
      showSearch={{ filterOption: (input, o) => String(o?.label ?? '').includes(input.trim()) }}
      allowClear
      value={props.value}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      onOpenChange={(o) => o && setOpen(true)}
      loading={open && !units && !error}
      placeholder="输入楼栋或房号搜索，如 10-1202"
      style={{ width: '100%' }}
      data-testid={props.testId}
      options={(units ?? []).map((u) => ({ value: u.unitId, label: `${u.number}（${u.building}，${formatArea(u.areaCenti)}）` }))}
      notFoundContent={error ?? (units ? '名册中没有匹配的房屋' : '加载中…')}
    />
  );
}
