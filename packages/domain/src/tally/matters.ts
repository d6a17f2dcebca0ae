import type { Matter } from './types.ts';

// 民法典 第278条: the nine matters owners decide jointly, and which approval rule each takes.
// Participation is the same for all: 2/3 以上 of area AND of heads.

/** `majority`: 过半数 (strictly more than 1/2). `three-quarters`: 四分之三以上 (inclusive). */
export type ApprovalRule = 'majority' | 'three-quarters';

export interface MatterInfo {
  matter: Matter;
  name: string;
  approval: ApprovalRule;
  /** Maintenance-fund matters may be limited to a charging scope (列支范围, TALLY-SPEC §5). */
  scopable: boolean;
}

export const MATTERS: readonly MatterInfo[] = [
  { matter: 1, name: '制定和修改业主大会议事规则', approval: 'majority', scopable: false },
  { matter: 2, name: '制定和修改管理规约', approval: 'majority', scopable: false },
  { matter: 3, name: '选举业主委员会或者更换业主委员会成员', approval: 'majority', scopable: false },
  { matter: 4, name: '选聘和解聘物业服务企业或者其他管理人', approval: 'majority', scopable: false },
  { matter: 5, name: '使用建筑物及其附属设施的维修资金', approval: 'majority', scopable: true },
  { matter: 6, name: '筹集建筑物及其附属设施的维修资金', approval: 'three-quarters', scopable: true },
  { matter: 7, name: '改建、重建建筑物及其附属设施', approval: 'three-quarters', scopable: false },
  { matter: 8, name: '改变共有部分的用途或者利用共有部分从事经营活动', approval: 'three-quarters', scopable: false },
  { matter: 9, name: '有关共有和共同管理权利的其他重大事项', approval: 'majority', scopable: false },
];

export function isMatter(n: unknown): n is Matter {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 9;
}

export function matterInfo(matter: Matter): MatterInfo {
  return MATTERS[matter - 1]!;
}
