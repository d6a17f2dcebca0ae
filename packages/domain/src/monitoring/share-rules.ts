import type { BallotFact, MeetingFacts, MonitoringFlag, MonitoringThresholds } from './types.ts';
import { MONITORING_FLAG_LABELS } from './types.ts';

// Meeting-wide shares, counted in heads (one owner = one head, however many items or units):
// the share of voters who voted on paper, and the share who voted in the last hour.
// Integer arithmetic: part * 100 > whole * percent, never a float compare at the boundary.

const sortedIds = (bs: BallotFact[]) => bs.map((b) => b.ballotId).sort((a, b) => a - b);
const sortedKeys = (bs: BallotFact[]) => [...new Set(bs.map((b) => b.voterKey))].sort();

export function exceedsPercent(part: number, whole: number, percent: number): boolean {
  return part * 100 > whole * percent;
}

/** Heads with a current paper ballot on any item, against heads with any current ballot. */
export function paperShareFlags(ballots: BallotFact[], t: MonitoringThresholds): MonitoringFlag[] {
  const current = ballots.filter((b) => b.status === 'current');
  const voters = new Set(current.map((b) => b.voterKey)).size;
  const paper = current.filter((b) => b.channel === 'paper');
  const paperHeads = new Set(paper.map((b) => b.voterKey)).size;
  const { moreThanPercent, minHeads } = t.paperShare;
  if (voters < minHeads || !exceedsPercent(paperHeads, voters, moreThanPercent)) return [];
  return [{
    kind: 'paper_share',
    severity: 'info',
    label: MONITORING_FLAG_LABELS.paper_share,
    explanation: `已投票的 ${voters} 户中有 ${paperHeads} 户以纸质票表决，超过 ${moreThanPercent}%（平台提示标准，非法定标准）。` +
      '请抽查纸质票扫描件与委托材料，确认录入与复核由不同人员完成。',
    ballotIds: sortedIds(paper),
    voterKeys: sortedKeys(paper),
  }];
}

/** Heads with an online ballot cast in the last `lastMs` before close, against all heads who voted. */
export function deadlineBurstFlags(ballots: BallotFact[], meeting: MeetingFacts, t: MonitoringThresholds): MonitoringFlag[] {
  const { lastMs, moreThanPercent, minHeads } = t.deadlineBurst;
  const voters = new Set(ballots.map((b) => b.voterKey)).size;
  const from = meeting.votingClosesAt - lastMs;
  const late = ballots.filter((b) => b.channel === 'online' && b.castAt >= from && b.castAt <= meeting.votingClosesAt);
  const lateHeads = new Set(late.map((b) => b.voterKey)).size;
  if (voters < minHeads || !exceedsPercent(lateHeads, voters, moreThanPercent)) return [];
  const mins = Math.round(lastMs / 60_000);
  return [{
    kind: 'deadline_burst',
    severity: 'warning',
    label: MONITORING_FLAG_LABELS.deadline_burst,
    explanation: `已投票的 ${voters} 户中有 ${lateHeads} 户在截止前 ${mins} 分钟内网上投票，超过 ${moreThanPercent}%（平台提示标准，非法定标准）。` +
      '请结合同一地址、同一设备等提示核查是否存在集中代投。',
    ballotIds: sortedIds(late),
    voterKeys: sortedKeys(late),
  }];
}
