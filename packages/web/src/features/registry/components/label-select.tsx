import { Select } from 'antd';
import { useLang } from '../../../app/i18n.tsx';
import { labelOptions, type LabelSet } from '../../../app/labels.ts';

/** A filter over one of the label sets (unit kind, status, area source, ...), "all" when cleared. */
export function LabelSelect(props: { set: LabelSet; value?: string; onChange: (v: string | undefined) => void; placeholder: string; width?: number }) {
  const { lang } = useLang();
  return (
    <Select
      allowClear
      value={props.value}
      placeholder={props.placeholder}
      onChange={(v) => props.onChange(v ?? undefined)}
      options={labelOptions(props.set, lang)}
      style={{ width: props.width ?? 130 }}
      aria-label={props.placeholder}
    />
  );
}
