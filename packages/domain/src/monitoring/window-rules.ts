import type { BallotFact, MonitoringFlag, MonitoringThresholds } from './types.ts';
import { MONITORING_FLAG_LABELS } from './types.ts';

// Many different heads from one address (or one device) within a sliding time window. Only
// online ballots: paper ballots carry the address and device of the staff who entered them.

type Source = 'clientIp' | 'device';

/**
 * Sorted by time, a window [left, right] of one source's ballots qualifies when it holds at least
 * `minOwners` different heads and spans at most `windowMs`. The ballots of every qualifying
 * window are the ballots behind the flag. Two pointers plus a head → count map: O(n log n).
 */
export function sameSourceRuns(ballots: BallotFact[], source: Source, minOwners: number, windowMs: number): BallotFact[][] {
  // count first, collect after: most sources carry one owner's ballots and cannot qualify, so
  // only the few that can get a list (15,000 one-ballot lists cost more than the rule itself)
  const counts = new Map<string, number>();
  for (const b of ballots) {
    const key = b[source];
    if (b.channel === 'online' && key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const bySource = new Map<string, BallotFact[]>();
  for (const [key, n] of counts) if (n >= minOwners) bySource.set(key, []);
  if (bySource.size === 0) return [];
  for (const b of ballots) {
    const key = b[source];
    if (b.channel === 'online' && key) bySource.get(key)?.push(b);
  }
  const out: BallotFact[][] = [];
  for (const list of [...bySource.keys()].sort().map((k) => bySource.get(k)!)) {
    list.sort((a, b) => a.castAt - b.castAt || a.ballotId - b.ballotId);
    const heads = new Map<string, number>();
    // flagged[i]: ballot i lies in some qualifying window; marked through a difference array so
    // overlapping windows cost O(1) each
    const cover = new Array<number>(list.length + 1).fill(0);
    let left = 0;
    for (let right = 0; right < list.length; right++) {
      const r = list[right]!;
      heads.set(r.voterKey, (heads.get(r.voterKey) ?? 0) + 1);
      while (r.castAt - list[left]!.castAt > windowMs) {
        const k = list[left]!.voterKey;
        const n = heads.get(k)! - 1;
        if (n === 0) heads.delete(k);
        else heads.set(k, n);
        left++;
      }
      if (heads.size >= minOwners) {
        cover[left]! += 1;
        cover[right + 1]! -= 1;
      }
    }
    const run: BallotFact[] = [];
    let depth = 0;
    for (let i = 0; i < list.length; i++) {
      depth += cover[i]!;
      if (depth > 0) run.push(list[i]!);
    }
    if (run.length) out.push(run);
  }
  return out;
}

const minutes = (ms: number) => Math.round(ms / 60_000);

function toFlag(run: BallotFact[], kind: 'same_address' | 'same_device', subject: string, explanation: string): MonitoringFlag {
  return {
    kind,
    severity: kind === 'same_device' ? 'high' : 'warning',
    label: MONITORING_FLAG_LABELS[kind],
    explanation,
    subject,
    ballotIds: run.map((b) => b.ballotId).sort((a, b) => a - b),
    voterKeys: [...new Set(run.map((b) => b.voterKey))].sort(),
  };
}

export function sameAddressFlags(ballots: BallotFact[], t: MonitoringThresholds): MonitoringFlag[] {
  const { minOwners, windowMs } = t.sameAddress;
  return sameSourceRuns(ballots, 'clientIp', minOwners, windowMs).map((run) => {
    const heads = new Set(run.map((b) => b.voterKey)).size;
    return toFlag(run, 'same_address', run[0]!.clientIp!,
      `${heads} 户业主的网上投票来自同一网络地址，其中 ${minutes(windowMs)} 分钟内达到 ${minOwners} 户以上（平台提示标准，非法定标准）。` +
      '同一宽带、单位网络或运营商共享地址也可能出现这种情况，请结合投票人核实。');
  });
}

export function sameDeviceFlags(ballots: BallotFact[], t: MonitoringThresholds): MonitoringFlag[] {
  const { minOwners, windowMs } = t.sameDevice;
  return sameSourceRuns(ballots, 'device', minOwners, windowMs).map((run) => {
    const heads = new Set(run.map((b) => b.voterKey)).size;
    return toFlag(run, 'same_device', run[0]!.device!,
      `${heads} 户业主的网上投票来自同一设备，其中 ${minutes(windowMs)} 分钟内达到 ${minOwners} 户以上（平台提示标准，非法定标准）。` +
      '可能是他人代为操作投票，请向相关业主核实是否本人意愿。');
  });
}
