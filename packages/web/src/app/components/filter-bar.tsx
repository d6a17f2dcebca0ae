import { Button, Input, Space } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useT } from '../i18n.tsx';

/** The row above every list: the page's own filters, then a search box and a reset button. */
export function FilterBar(props: {
  children?: ReactNode;
  q?: string;
  onSearch?: (q: string) => void;
  placeholder?: string;
  onReset?: () => void;
  extra?: ReactNode;
}) {
  const t = useT();
  const [q, setQ] = useState(props.q ?? '');
  useEffect(() => setQ(props.q ?? ''), [props.q]);
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16, alignItems: 'center' }}>
      {props.children}
      {props.onSearch && (
        <Input.Search
          allowClear
          style={{ width: 240 }}
          value={q}
          placeholder={props.placeholder}
          enterButton={t('search')}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => props.onSearch?.(v.trim())}
          aria-label={t('search')}
        />
      )}
      {props.onReset && <Button onClick={props.onReset}>{t('reset')}</Button>}
      {props.extra && <Space style={{ marginLeft: 'auto' }}>{props.extra}</Space>}
    </div>
  );
}
