import type { EstateView } from '@gongzhi/contracts';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { useApi } from '../../../app/use-api.ts';

interface EstateOption {
  value: number;
  label: string;
  code: string;
}

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
  // Until the server has answered for what is typed, the list on screen is the answer for the
  // previous text. Narrow it here by the same rule as the server (name or code contains the text,
  // any case), so the options do not jump when the answer arrives: the option under the pointer
  // stays where it is. The spinner shows while the typing pause or the request is pending.
  const pending = loading || typed.trim() !== q;
  const matches = (input: string, option?: EstateOption) => {
    const needle = input.trim().toLowerCase();
    return !option || option.label.toLowerCase().includes(needle) || option.code.toLowerCase().includes(needle);
  };
  return (
    <Select<number, EstateOption>
      showSearch={{ filterOption: matches, onSearch: setTyped }}
      allowClear={props.allowClear ?? true}
      value={props.value}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      onClear={() => setTyped('')}
      loading={pending}
      placeholder={props.placeholder ?? t('f.estate')}
      style={{ width: 220, ...props.style }}
      data-testid="estate-select"
      options={items.map((e) => ({ value: e.id, label: e.name, code: e.code }))}
      notFoundContent={pending ? t('loading') : t('none')}
    />
  );
}
