import type { BallotFact, MonitoringFlag } from '@gongzhi/domain';
import { describe, expect, it } from 'vitest';
import { deviceHash, flagView, maskIp, type FlagLookups } from '../../src/modules/meetings/flag-view.ts';

// The monitor's view of a flag, without a database: what is masked, and that names appear only
// for a caller who may read the estate's registry (every monitoring role today can; a role that
// could not would see units and times only).

const ballot: BallotFact = {
  ballotId: 7, itemId: 3, voterKey: 'o12', channel: 'online', status: 'current', castAt: Date.UTC(2026, 10, 20, 8, 0),
  clientIp: '203.0.113.45', device: 'phone-abc', proxyHolder: 'a9',
};
const flag: MonitoringFlag = {
  kind: 'many_proxies', severity: 'warning', label: '一人代理多户', explanation: '…', subject: 'a9', ballotIds: [7], voterKeys: ['o12'],
};
const lookups = (showNames: boolean): FlagLookups => ({
  ballots: new Map([[7, ballot]]),
  itemTitles: new Map([[3, '选聘物业']]),
  units: new Map([['o12', ['1栋-101']]]),
  ownerNames: showNames ? new Map([['o12', ['张三']]]) : new Map(),
  holderNames: showNames ? new Map([['a9', '李四']]) : new Map(),
  showNames,
});

describe('monitoring flag view', () => {
  it('masks addresses: the last IPv4 octet, all but three IPv6 groups, IPv4-mapped IPv6 as IPv4', () => {
    expect(maskIp('203.0.113.45')).toBe('203.0.113.*');
    expect(maskIp('2001:db8:85a3:0:0:8a2e:370:7334')).toBe('2001:db8:85a3:*');
    expect(maskIp('::ffff:198.51.100.9')).toBe('198.51.100.*');
    expect(maskIp(null)).toBeNull();
  });
  it('shows a device as eight hex characters, equal for equal devices', () => {
    expect(deviceHash('phone-abc')).toMatch(/^[0-9a-f]{8}$/);
    expect(deviceHash('phone-abc')).toBe(deviceHash('phone-abc'));
    expect(deviceHash('phone-abd')).not.toBe(deviceHash('phone-abc'));
  });
  it('registry reader: names of the owners and the proxy holder', () => {
    const v = flagView(flag, lookups(true), 10);
    expect(v.subject).toBe('李四');
    expect(v.ballots[0]).toMatchObject({ units: ['1栋-101'], itemTitle: '选聘物业', ownerNames: ['张三'], proxyHolderName: '李四', ip: '203.0.113.*' });
  });
  it('a caller without registry.read: units and times, no names, the holder as an account number', () => {
    const v = flagView(flag, lookups(false), 10);
    expect(v.subject).toBe('代理人账号 9');
    expect(v.ballots[0]).not.toHaveProperty('ownerNames');
    expect(v.ballots[0]).not.toHaveProperty('proxyHolderName');
    expect(v.ballots[0]).toMatchObject({ units: ['1栋-101'], castAt: '2026-11-20T08:00:00.000Z' });
  });
});
