import type { BallotFact, MeetingFacts, MonitoringFlag, MonitoringThresholds, ProxyFact } from './types.ts';
import { MONITORING_FLAG_LABELS } from './types.ts';

// Rules about who stands behind the ballots: proxy holders, owners who keep changing their
// ballot, and accounts bound to their owner just before the vote.

const sortedIds = (bs: BallotFact[]) => bs.map((b) => b.ballotId).sort((a, b) => a - b);
const sortedKeys = (bs: Iterable<string>) => [...new Set(bs)].sort();

/** A holder acting for more heads than the threshold, counting approved proxies and ballots cast
 *  under a proxy (a proxy may be used before the list reaches us, or revoked after use). */
export function manyProxiesFlags(ballots: BallotFact[], proxies: ProxyFact[], t: MonitoringThresholds): MonitoringFlag[] {
  const heads = new Map<string, Set<string>>();
  const cast = new Map<string, BallotFact[]>();
  const add = (holder: string, key: string) => {
    let s = heads.get(holder);
    if (!s) heads.set(holder, (s = new Set()));
    s.add(key);
  };
  for (const p of proxies) add(p.holder, p.voterKey);
  for (const b of ballots) {
    if (!b.proxyHolder) continue;
    add(b.proxyHolder, b.voterKey);
    let list = cast.get(b.proxyHolder);
    if (!list) cast.set(b.proxyHolder, (list = []));
    list.push(b);
  }
  const { moreThan } = t.manyProxies;
  return [...heads.keys()].sort().filter((h) => heads.get(h)!.size > moreThan).map((holder) => ({
    kind: 'many_proxies' as const,
    severity: 'warning' as const,
    label: MONITORING_FLAG_LABELS.many_proxies,
    explanation: `同一代理人代理了 ${heads.get(holder)!.size} 户业主，超过 ${moreThan} 户（平台提示标准，与计票标记一致，非法定标准）。` +
      '请核对每份书面委托书是否由业主本人签署。',
    subject: holder,
    ballotIds: sortedIds(cast.get(holder) ?? []),
    voterKeys: sortedKeys(heads.get(holder)!),
  }));
}

/** One flag per head that replaced its ballot on some item at least `minChanges` times. */
export function manyChangesFlags(ballots: BallotFact[], t: MonitoringThresholds): MonitoringFlag[] {
  const { minChanges } = t.manyChanges;
  // count first, collect after (as in window-rules.ts): nearly every head has one ballot per item
  const headItem = (b: BallotFact) => `${b.voterKey}\u0000${b.itemId}`;
  const counts = new Map<string, number>();
  for (const b of ballots) counts.set(headItem(b), (counts.get(headItem(b)) ?? 0) + 1);
  const byHeadItem = new Map<string, BallotFact[]>();
  for (const [k, n] of counts) if (n - 1 >= minChanges) byHeadItem.set(k, []);
  if (byHeadItem.size === 0) return [];
  for (const b of ballots) byHeadItem.get(headItem(b))?.push(b);
  const byHead = new Map<string, { ballots: BallotFact[]; most: number }>();
  for (const list of byHeadItem.values()) {
    const changes = list.length - 1;
    const key = list[0]!.voterKey;
    const entry = byHead.get(key) ?? { ballots: [], most: 0 };
    entry.ballots.push(...list);
    entry.most = Math.max(entry.most, changes);
    byHead.set(key, entry);
  }
  return [...byHead.keys()].sort().map((key) => {
    const { ballots: bs, most } = byHead.get(key)!;
    return {
      kind: 'many_changes' as const,
      severity: 'info' as const,
      label: MONITORING_FLAG_LABELS.many_changes,
      explanation: `同一业主在同一议题上改票 ${most} 次，达到 ${minChanges} 次（平台提示标准，非法定标准）。` +
        '改票本身是允许的，以最后一次有效票为准；频繁改票可能说明业主受到反复劝说或账号被他人使用。',
      ballotIds: sortedIds(bs),
      voterKeys: [key],
    };
  });
}

/** Online ballots cast by an owner's own account whose binding was approved less than
 *  `withinMs` before voting opened, or during voting. One meeting-wide flag. */
export function recentBindingFlags(ballots: BallotFact[], meeting: MeetingFacts, t: MonitoringThresholds): MonitoringFlag[] {
  const from = meeting.votingOpensAt - t.recentBinding.withinMs;
  const recent = ballots.filter((b) => b.channel === 'online' && !b.proxyHolder && b.boundAt != null && b.boundAt >= from);
  if (!recent.length) return [];
  const keys = sortedKeys(recent.map((b) => b.voterKey));
  const days = Math.round(t.recentBinding.withinMs / 86_400_000);
  return [{
    kind: 'recent_binding',
    severity: 'info',
    label: MONITORING_FLAG_LABELS.recent_binding,
    explanation: `${keys.length} 户业主的投票账号在投票开始前 ${days} 天内或投票期间才通过绑定审核（平台提示标准，非法定标准）。` +
      '请核实绑定审核材料，确认账号确为业主本人使用。',
    ballotIds: sortedIds(recent),
    voterKeys: keys,
  }];
}
