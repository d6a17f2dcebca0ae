import { Tag } from 'antd';
import { FUND_STATE_COLORS, FUND_STATE_LABELS, PATH_LABELS, type FundPath, type FundState } from '../labels.ts';

export function FundStateTag({ state, testId = 'fund-state' }: { state: FundState; testId?: string }) {
  return <Tag color={FUND_STATE_COLORS[state] ?? 'default'} data-testid={testId}>{FUND_STATE_LABELS[state] ?? state}</Tag>;
}

export function PathTag({ path }: { path: FundPath }) {
  return <Tag color={path === 'emergency' ? 'volcano' : 'blue'}>{PATH_LABELS[path] ?? path}</Tag>;
}
