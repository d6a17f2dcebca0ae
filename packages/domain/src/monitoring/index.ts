import { deadlineBurstFlags, paperShareFlags } from './share-rules.ts';
import { manyChangesFlags, manyProxiesFlags, recentBindingFlags } from './owner-rules.ts';
import type { BallotFact, MeetingFacts, MonitoringFlag, MonitoringFlagKind, MonitoringThresholds, ProxyFact } from './types.ts';
import { DEFAULT_MONITORING_THRESHOLDS } from './types.ts';
import { sameAddressFlags, sameDeviceFlags } from './window-rules.ts';

export * from './types.ts';
export { exceedsPercent } from './share-rules.ts';
export { sameSourceRuns } from './window-rules.ts';

const SEVERITY_ORDER = { high: 0, warning: 1, info: 2 } as const;
const KIND_ORDER: MonitoringFlagKind[] = [
  'same_device', 'same_address', 'many_proxies', 'deadline_burst', 'paper_share', 'many_changes', 'recent_binding',
];

/**
 * Every monitoring flag of a meeting, most severe first (then by kind, then by first ballot), so
 * equal facts give equal output. `ballots` are the accepted ballots (current, superseded,
 * overridden) of every item; `proxies` the approved proxies. Pure: no clock, no I/O.
 */
export function monitorMeeting(opts: {
  meeting: MeetingFacts;
  ballots: BallotFact[];
  proxies?: ProxyFact[];
  thresholds?: Partial<MonitoringThresholds>;
}): MonitoringFlag[] {
  const t: MonitoringThresholds = { ...DEFAULT_MONITORING_THRESHOLDS, ...opts.thresholds };
  const { meeting, ballots } = opts;
  const flags = [
    ...sameAddressFlags(ballots, t),
    ...sameDeviceFlags(ballots, t),
    ...manyProxiesFlags(ballots, opts.proxies ?? [], t),
    ...paperShareFlags(ballots, t),
    ...deadlineBurstFlags(ballots, meeting, t),
    ...manyChangesFlags(ballots, t),
    ...recentBindingFlags(ballots, meeting, t),
  ];
  return flags.sort((a, b) =>
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
    (a.ballotIds[0] ?? -1) - (b.ballotIds[0] ?? -1) ||
    (a.voterKeys[0] ?? '').localeCompare(b.voterKeys[0] ?? ''));
}
