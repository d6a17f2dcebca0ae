// The domain's own tables, by file: the package index also exports the ballot hashing, which
// needs node:crypto and must not reach the browser bundle. Both files are pure data.
import { MATTERS, type ApprovalRule } from '../../../../domain/src/tally/matters.ts';
import { MEETING_STATE_LABELS } from '../../../../domain/src/meetings/meeting-transitions.ts';
import type { Lang } from '../../app/i18n.tsx';
import type { Choice, ItemView, MeetingState } from './types.ts';

// Words for states, matters and thresholds. The rules themselves (which matter needs 3/4) come
// from the domain's table, the one the tally engine uses; only the phrasing lives here.

const STATE_EN: Record<MeetingState, string> = {
  draft: 'Draft', submitted: 'Under review', approved: 'Approved', notice_published: 'Notice published',
  voting_open: 'Voting open', closed: 'Voting closed', tallied: 'Counted', result_published: 'Result published',
  objection_period: 'Objection period', final: 'Final', cancelled: 'Cancelled',
};

const STATE_COLOR: Record<MeetingState, string> = {
  draft: 'default', submitted: 'default', approved: 'default', notice_published: 'blue', voting_open: 'green',
  closed: 'orange', tallied: 'orange', result_published: 'purple', objection_period: 'purple', final: 'cyan',
  cancelled: 'red',
};

export function stateLabel(s: MeetingState, lang: Lang): string {
  return lang === 'en' ? STATE_EN[s] ?? s : MEETING_STATE_LABELS[s] ?? s;
}
export const stateColor = (s: MeetingState): string => STATE_COLOR[s] ?? 'default';

/** states in which the result may be shown to owners */
export const RESULT_STATES: readonly MeetingState[] = ['result_published', 'objection_period', 'final'];

export function matterName(matter: number): string {
  return MATTERS[matter - 1]?.name ?? `事项 ${matter}`;
}

function approvalRule(item: Pick<ItemView, 'matter'>): ApprovalRule {
  return MATTERS[item.matter - 1]?.approval ?? 'majority';
}

export function participationText(lang: Lang): string {
  return lang === 'en'
    ? 'Owners holding at least two thirds of the exclusive area and at least two thirds of all owners must take part.'
    : '需专有部分面积和人数均占三分之二以上的业主参与表决';
}

/** the approval threshold in plain words (TALLY-SPEC: 过半数 strict, 四分之三以上 inclusive);
 *  `rule` when the server says which rule it counted by (results), else the matter's rule */
export function approvalText(item: Pick<ItemView, 'matter' | 'kind' | 'seats'>, lang: Lang, rule?: ApprovalRule): string {
  if (item.kind === 'election') {
    return lang === 'en'
      ? `Each candidate needs more than half of the participating area and of the participating owners; up to ${item.seats} elected, ranked by owners then area.`
      : `每位候选人需专有部分面积和人数均超过参与表决的半数同意方可当选；应选 ${item.seats} 人，超过名额时按同意人数、再按面积排序`;
  }
  if ((rule ?? approvalRule(item)) === 'three-quarters') {
    return lang === 'en'
      ? 'Passes with at least three quarters of the participating area and of the participating owners in favour.'
      : '需专有部分面积和人数均达到参与表决的四分之三以上同意';
  }
  return lang === 'en'
    ? 'Passes with more than half of the participating area and of the participating owners in favour.'
    : '需专有部分面积和人数均超过参与表决的半数同意';
}

export function scopeText(scope: ItemView['scope'], lang: Lang): string | null {
  if (!scope) return null;
  const parts = [...(scope.buildings ?? []), ...(scope.units ?? [])];
  if (parts.length === 0) return null;
  return lang === 'en' ? `Only owners in: ${parts.join(', ')}` : `仅限 ${parts.join('、')} 的业主表决`;
}

const CHOICE_ZH: Record<Choice, string> = { yes: '同意', no: '反对', abstain: '弃权', spoiled: '废票' };
const CHOICE_EN: Record<Choice, string> = { yes: 'For', no: 'Against', abstain: 'Abstain', spoiled: 'Spoiled' };
export function choiceLabel(c: Choice, lang: Lang): string {
  return (lang === 'en' ? CHOICE_EN : CHOICE_ZH)[c] ?? c;
}
export const CHOICE_COLOR: Record<Choice, string> = { yes: 'green', no: 'red', abstain: 'default', spoiled: 'default' };
