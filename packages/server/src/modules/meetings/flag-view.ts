import type { FlaggedBallotView, MonitoringFlagView } from '@gongzhi/contracts';
import { MONITORING_SEVERITY_LABELS, type BallotFact, type MonitoringFlag } from '@gongzhi/domain';
import { sha256Hex } from '../../platform/crypto.ts';

// How a flag is shown to a monitor: the ballots behind it with unit numbers, channel, time, a
// partly masked address and a short device hash; never a choice. Owners' names only when the
// caller may read the estate's registry anyway (showNames), so the flag page discloses nothing
// the registry would not.

/** '203.0.113.45' → '203.0.113.*'; IPv6 keeps its first three groups ('2001:db8:85a3:*'). */
export function maskIp(ip: string | null): string | null {
  if (!ip) return null;
  const v4 = ip.match(/(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.*`;
  const groups = ip.split(':').filter(Boolean);
  return `${groups.slice(0, 3).join(':')}:*`;
}

/** Eight hex characters of SHA-256: equal devices look equal, the identifier itself stays hidden. */
export function deviceHash(device: string | null): string | null {
  return device ? sha256Hex(device).slice(0, 8) : null;
}

export interface FlagLookups {
  ballots: Map<number, BallotFact>;
  itemTitles: Map<number, string>;
  /** voter key → 'building-number' of its units in the frozen roster */
  units: Map<string, string[]>;
  /** voter key → owners' names; empty when names are not shown */
  ownerNames: Map<string, string[]>;
  /** holder key ('a12') → name written on the proxy; empty when names are not shown */
  holderNames: Map<string, string>;
  showNames: boolean;
}

function subjectOf(flag: MonitoringFlag, l: FlagLookups): string | null {
  if (!flag.subject) return null;
  if (flag.kind === 'same_address') return maskIp(flag.subject);
  if (flag.kind === 'same_device') return `设备 ${deviceHash(flag.subject)}`;
  if (flag.kind === 'many_proxies') return l.holderNames.get(flag.subject) ?? `代理人账号 ${flag.subject.slice(1)}`;
  return null;
}

function ballotView(b: BallotFact, l: FlagLookups): FlaggedBallotView {
  const view: FlaggedBallotView = {
    ballotId: b.ballotId,
    itemId: b.itemId,
    itemTitle: l.itemTitles.get(b.itemId) ?? '',
    voterKey: b.voterKey,
    units: l.units.get(b.voterKey) ?? [],
    channel: b.channel,
    status: b.status,
    castAt: new Date(b.castAt).toISOString(),
    ip: maskIp(b.clientIp),
    device: deviceHash(b.device),
  };
  if (l.showNames) {
    view.ownerNames = l.ownerNames.get(b.voterKey) ?? [];
    const holder = b.proxyHolder ? l.holderNames.get(b.proxyHolder) : undefined;
    if (holder) view.proxyHolderName = holder;
  }
  return view;
}

export function flagView(flag: MonitoringFlag, l: FlagLookups, limit: number): MonitoringFlagView {
  const listed = flag.ballotIds.slice(0, limit);
  return {
    kind: flag.kind,
    severity: flag.severity,
    severityLabel: MONITORING_SEVERITY_LABELS[flag.severity],
    label: flag.label,
    explanation: flag.explanation,
    subject: subjectOf(flag, l),
    ballotCount: flag.ballotIds.length,
    voterKeyCount: flag.voterKeys.length,
    voterKeys: flag.voterKeys,
    ballots: listed.map((id) => ballotView(l.ballots.get(id)!, l)),
    truncated: listed.length < flag.ballotIds.length,
  };
}
