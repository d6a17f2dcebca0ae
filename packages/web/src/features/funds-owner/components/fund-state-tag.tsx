import { Tag } from 'antd';
import type { FundApplicationState } from '../../../../../domain/src/funds/application-transitions.ts';
import { fundStateColor, fundStateLabel } from '../labels.ts';
import { useFT } from '../messages.ts';

export function FundStateTag({ state }: { state: FundApplicationState }) {
  const { lang } = useFT();
  return (
    <Tag color={fundStateColor(state)} style={{ marginInlineEnd: 0 }} data-testid="fund-app-state">
      {fundStateLabel(state, lang)}
    </Tag>
  );
}

export function PathTag({ path }: { path: 'ordinary' | 'emergency' }) {
  const { ft } = useFT();
  if (path !== 'emergency') return null;
  return (
    <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="fund-app-emergency">
      {ft('app.emergency')}
    </Tag>
  );
}
