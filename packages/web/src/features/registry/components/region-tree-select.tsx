import type { RegionView } from '@gongzhi/contracts';
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useLang } from '../../../app/i18n.tsx';
import { label } from '../../../app/labels.ts';
import { useApi } from '../../../app/use-api.ts';

interface Node {
  value: number;
  title: string;
  children: Node[];
}

/** The caller's region tree (city > district > street > community), from a flat list with parent links. */
export function RegionTreeSelect(props: { value?: number; onChange: (id: number | undefined) => void }) {
  const { t, lang } = useLang();
  const { data } = useApi<{ items: RegionView[] }>('/regions');
  const tree = useMemo(() => {
    const items = data?.items ?? [];
    const byId = new Map<number, Node>();
    for (const r of items) byId.set(r.id, { value: r.id, title: `${r.name}（${label('regionLevel', r.level, lang)} · ${r.estateCount}）`, children: [] });
    const roots: Node[] = [];
    for (const r of items) {
      const node = byId.get(r.id)!;
      const parent = r.parentId === null ? undefined : byId.get(r.parentId);
      (parent ? parent.children : roots).push(node);
    }
    return roots;
  }, [data, lang]);
  return (
    <TreeSelect
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      value={props.value}
      onChange={(v) => props.onChange(v ?? undefined)}
      treeData={tree}
      treeDefaultExpandAll
      placeholder={t('f.region')}
      style={{ width: 240 }}
      popupMatchSelectWidth={false}
    />
  );
}
