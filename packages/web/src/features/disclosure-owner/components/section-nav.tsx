import { Segmented } from 'antd';
import { useNavigate } from 'react-router';
import { useDT } from '../messages.ts';

// The four disclosure lists behind the one 公开 tab: a segmented switch at the top of each.

export type Section = 'notices' | 'revenue' | 'filings' | 'questions';

export function SectionNav({ current }: { current: Section }) {
  const { dt } = useDT();
  const navigate = useNavigate();
  return (
    <Segmented<Section>
      block
      data-testid="disclosure-nav"
      value={current}
      onChange={(v) => navigate(`/m/${v}`)}
      style={{ marginBottom: 12 }}
      options={[
        { value: 'notices', label: dt('nav.notices') },
        { value: 'revenue', label: dt('nav.revenue') },
        { value: 'filings', label: dt('nav.filings') },
        { value: 'questions', label: dt('nav.questions') },
      ]}
    />
  );
}
