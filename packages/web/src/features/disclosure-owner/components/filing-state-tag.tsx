import { Tag } from 'antd';
import { useLang } from '../../../app/i18n.tsx';
import type { FilingState } from '../types.ts';

// the owner's words for where the package stands (the officials' labels are terser)
const LABELS: Record<FilingState, { zh: string; en: string; color: string }> = {
  draft: { zh: '草稿', en: 'Draft', color: 'default' },
  filed: { zh: '已报送备案', en: 'Filed', color: 'blue' },
  acknowledged: { zh: '已确认备案', en: 'Acknowledged', color: 'green' },
  returned: { zh: '已被退回', en: 'Returned', color: 'red' },
};

/** where a filed package stands with the street office / district bureau */
export function FilingStateTag({ state }: { state: FilingState }) {
  const { lang } = useLang();
  const l = LABELS[state];
  return (
    <Tag color={l?.color} style={{ marginInlineEnd: 0 }} data-testid="filing-state">
      {l ? l[lang] : state}
    </Tag>
  );
}
