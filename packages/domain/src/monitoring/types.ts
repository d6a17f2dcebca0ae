// Monitoring flags (issue 3): patterns in a meeting's ballots that a street officer may want to
// look at. A flag is a prompt to check, never a finding of fraud and never a change to the
// count: the tally (TALLY-SPEC) counts every valid ballot whatever this module says.

export type MonitoringFlagKind =
  | 'same_address' // many owners' ballots from one network address in a short window
  | 'same_device' // many owners' ballots from one device in a short window
  | 'many_proxies' // one proxy holder acting for many owners
  | 'paper_share' // a high share of the voters voted on paper
  | 'deadline_burst' // a high share of the voters voted just before the deadline
  | 'many_changes' // one owner changed a ballot on one item many times
  | 'recent_binding'; // ballots from accounts bound to their owner shortly before or during voting

export type MonitoringSeverity = 'info' | 'warning' | 'high';

/** One accepted ballot as the rules see it (no choice: monitoring never needs to know it). */
export interface BallotFact {
  ballotId: number;
  itemId: number;
  /** the head the ballot speaks for ('o12', 'o12&o15') */
  voterKey: string;
  channel: 'online' | 'paper';
  /** 'current' | 'superseded' | 'overridden'; pending and rejected paper ballots are not facts */
  status: string;
  /** cast time, ms since the epoch */
  castAt: number;
  clientIp: string | null;
  device: string | null;
  /** the account holding the proxy the ballot was cast under, if any */
  proxyHolder?: string | null;
  /** online ballots cast by an owner's own account: when that account's binding to the owner was
   *  approved (ms since the epoch); absent for proxy and paper ballots */
  boundAt?: number | null;
}

/** An approved proxy (holder → owner) of the meeting, whether or not it has been used yet. */
export interface ProxyFact {
  holder: string;
  voterKey: string;
}

export interface MeetingFacts {
  votingOpensAt: number;
  votingClosesAt: number;
}

/**
 * Thresholds are PLATFORM POLICY, not law: no statute or rule names these numbers. They are
 * chosen so that a normal estate raises few flags and an organised push raises them; each flag's
 * explanation states the threshold it used, so a reviewer can judge it.
 */
export interface MonitoringThresholds {
  /** ≥ minOwners different heads from one address within windowMs (online ballots) */
  sameAddress: { minOwners: number; windowMs: number };
  /** ≥ minOwners different heads from one device within windowMs (online ballots) */
  sameDevice: { minOwners: number; windowMs: number };
  /** a holder acting for MORE than this many heads: the same rule and default (5) as the tally
   *  engine's TallyOptions.proxyFlagThreshold, so monitoring and the result's flags agree */
  manyProxies: { moreThan: number };
  /** paper voters / all voters > percent, once at least minHeads have voted */
  paperShare: { moreThanPercent: number; minHeads: number };
  /** heads with an online ballot cast in the last lastMs of the window / all heads who voted >
   *  percent, once at least minHeads have voted */
  deadlineBurst: { lastMs: number; moreThanPercent: number; minHeads: number };
  /** ≥ minChanges replacements of one head's ballot on one item */
  manyChanges: { minChanges: number };
  /** binding approved less than withinMs before voting opened, or during voting */
  recentBinding: { withinMs: number };
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const DEFAULT_MONITORING_THRESHOLDS: MonitoringThresholds = {
  // a household or a small office shares an address; ten different owners within ten minutes
  // is more than a shared address usually explains (mobile carriers' shared addresses can, which
  // the explanation says)
  sameAddress: { minOwners: 10, windowMs: 10 * MINUTE },
  // a device is personal: five owners from one phone within half an hour is a canvasser's pattern
  sameDevice: { minOwners: 5, windowMs: 30 * MINUTE },
  manyProxies: { moreThan: 5 },
  paperShare: { moreThanPercent: 30, minHeads: 10 },
  // the last hour (not the last 1% of the window): windows run for days, and "the last hour" is
  // what a reviewer understands at once
  deadlineBurst: { lastMs: 60 * MINUTE, moreThanPercent: 25, minHeads: 10 },
  manyChanges: { minChanges: 3 },
  recentBinding: { withinMs: 3 * DAY },
};

export interface MonitoringFlag {
  kind: MonitoringFlagKind;
  severity: MonitoringSeverity;
  /** short Chinese label */
  label: string;
  /** what was seen and against which threshold, in Chinese */
  explanation: string;
  /** the address, device or holder the flag is about (raw: the server masks it for display) */
  subject?: string;
  /** the ballots behind the flag, ascending */
  ballotIds: number[];
  /** the heads behind the flag, sorted */
  voterKeys: string[];
}

export const MONITORING_FLAG_LABELS: Record<MonitoringFlagKind, string> = {
  same_address: '同一网络地址短时间内多户投票',
  same_device: '同一设备短时间内多户投票',
  many_proxies: '一人代理多户',
  paper_share: '纸质票比例偏高',
  deadline_burst: '截止前集中投票',
  many_changes: '多次改票',
  recent_binding: '投票前临时绑定',
};

export const MONITORING_SEVERITY_LABELS: Record<MonitoringSeverity, string> = {
  info: '提示',
  warning: '关注',
  high: '重点核查',
};
