import type { EstateView } from '@gongzhi/contracts';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { useApi } from '../../../app/use-api.ts';

/** Estates in the caller's scope, searched on the server as one types (a city has thousands). */
export function EstateSelect(props: {
  value?: number;
  onChange?: (id: number | undefined) => void;
  allowClear?: boolean;
  style?: React.CSSProperties;
  placeholder?: string;
}) {
  const t = useT();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  // one request when the typing pauses, not one per keystroke
  useEffect(() => {
    const id = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(id);
  }, [typed]);
  const { data, loading } = useApi<{ items: EstateView[] }>('/estates', { q: q || undefined, page: 1, pageSize: 50 });
  // keep the chosen estate's name even when the current search no longer lists it
  const chosen = useApi<EstateView>(props.value && !data?.items.some((e) => e.id === props.value) ? `/estates/${props.value}` : null);
  const items = [...(data?.items ?? [])];
  if (chosen.data && !items.some((e) => e.id === chosen.data!.id)) items.unshift(chosen.data);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setTyped }}
      allowClear={props.allowClear ?? true}
      value={props.value}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      onClear={() => setTyped('')}
      loading={loading}
      placeholder={props.placeholder ?? t('f.estate')}
      style={{ width: 220, ...props.style }}
      data-testid="estate-select"
      options={items.map((e) => ({ value: e.id, label: e.name }))}
      notFoundContent={loading ? t('loading') : t('none')}
    />
  );
}
