// What the street office checks before approving a meeting. Returns EVERY problem found, so the
// convener can fix them in one go; an empty list means approvable.
import { CONVENER_KINDS, type ConvenerKind } from './meeting-transitions.ts';

export type MeetingItemDraft =
  | { kind: 'matter'; matter: number; title?: string }
  /** A committee election counts as matter 3 (民法典 第278条 第1款 第3项). */
  | { kind: 'election'; seats: number; candidates: string[]; title?: string };

export interface ApprovalInput {
  convenerKind: ConvenerKind;
  /** Whether the estate currently has a committee (业主委员会) in office. */
  committeeExists: boolean;
  /** Whether this is the estate's first owners' meeting (no assembly has met yet). */
  firstMeeting: boolean;
  /** The household count the convener declared. */
  householdCount: number;
  /** The number of households in the roster the platform holds, passed in by the caller. */
  rosterHouseholdCount: number;
  items: MeetingItemDraft[];
}

export interface ApprovalProblem { field: string; message: string }

/**
 * Convener rules (decisions where the digest is thin, documented here):
 * - committee: only while a committee is in office.
 * - preparatory_group (筹备组): only the first meeting (上海 第15条; 指导规则), and that meeting
 *   must elect the committee, so an election item is required.
 * - renewal_group (换届小组): only to elect a successor committee, so an election item is required.
 * - street_office / acting_body (e.g. 北京 物业管理委员会 第52–57条): only where no committee is in
 *   office — they stand in for one; where a committee exists it convenes (宁波 第24条 has the
 *   street office press the committee instead).
 */
export function checkMeetingForApproval(input: ApprovalInput): ApprovalProblem[] {
  const problems: ApprovalProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const hasElection = Array.isArray(input.items) && input.items.some((i) => i?.kind === 'election');

  switch (input.convenerKind) {
    case 'committee':
      if (!input.committeeExists) add('convenerKind', '本小区目前没有在任的业主委员会，不能由业主委员会召集');
      break;
    case 'preparatory_group':
      if (!input.firstMeeting) add('convenerKind', '筹备组只能召集首次业主大会会议');
      if (!hasElection) add('items', '首次业主大会会议应包含选举业主委员会的议题');
      break;
    case 'renewal_group':
      if (!hasElection) add('items', '换届小组召集的会议应包含选举业主委员会的议题');
      break;
    case 'street_office':
    case 'acting_body':
      if (input.committeeExists) add('convenerKind', '已有在任的业主委员会，应由业主委员会召集');
      break;
    default:
      if (!CONVENER_KINDS.includes(input.convenerKind)) add('convenerKind', '召集人类型无效');
  }

  if (!Number.isInteger(input.householdCount) || input.householdCount <= 0) {
    add('householdCount', '户数必须是正整数');
  } else if (input.householdCount !== input.rosterHouseholdCount) {
    add('householdCount', `申报户数 ${input.householdCount} 与投票名册户数 ${input.rosterHouseholdCount} 不一致`);
  }

  if (!Array.isArray(input.items) || input.items.length === 0) {
    add('items', '会议至少需要一个表决事项');
    return problems;
  }
  input.items.forEach((item, i) => {
    const f = `items[${i}]`;
    if (item?.kind === 'matter') {
      if (!Number.isInteger(item.matter) || item.matter < 1 || item.matter > 9) add(`${f}.matter`, '表决事项类别必须是 1 至 9（民法典第二百七十八条）');
    } else if (item?.kind === 'election') {
      const seatsOk = Number.isInteger(item.seats) && item.seats >= 1;
      if (!seatsOk) add(`${f}.seats`, '应选名额必须是不小于 1 的整数');
      const cands = Array.isArray(item.candidates) ? item.candidates : [];
      if (new Set(cands).size !== cands.length) add(`${f}.candidates`, '候选人不能重复');
      // Fewer candidates than seats could never fill the committee; equal is allowed (等额选举).
      if (seatsOk && cands.length < item.seats) add(`${f}.candidates`, `候选人人数（${cands.length}）不得少于应选名额（${item.seats}）`);
    } else {
      add(`${f}.kind`, '议题类型必须是表决事项或选举');
    }
  });
  return problems;
}
