import { describe, expect, it } from 'vitest';
import { EMPTY_FILING_CONTENT, filedLate, filingContentProblems, filingStatus, type FilingContent } from '../../src/disclosure/filing-rules.ts';

const complete: FilingContent = {
  feeStandards: [{ item: '物业服务费（住宅）', basis: '按建筑面积', priceFen: 180, unit: '元/㎡·月' }],
  serviceContract: { companyName: '某物业', startsOn: '2025-01-01', endsOn: '2027-12-31', summary: '前期物业服务' },
  contractors: [{ name: '某电梯公司', service: '电梯维保', amountFen: 3_600_000 }],
  notes: '',
};

describe('filing content completeness', () => {
  it('a complete company package has no problems', () => {
    expect(filingContentProblems('company', complete)).toEqual([]);
  });

  it('an empty company package names the fee standards and the service contract', () => {
    const p = filingContentProblems('company', EMPTY_FILING_CONTENT);
    expect(p.map((x) => x.field)).toEqual(['content.feeStandards', 'content.serviceContract']);
    expect(p[0]!.message).toContain('收费标准');
    expect(p[1]!.message).toContain('物业服务合同');
  });

  it('each missing field of a listed fee, the contract and a contractor is named', () => {
    const p = filingContentProblems('company', {
      feeStandards: [{ item: ' ', basis: '', priceFen: 0, unit: '' }],
      serviceContract: { companyName: '', startsOn: '2026-01-01', endsOn: '2025-12-31', summary: '' },
      contractors: [{ name: '', service: '保洁', amountFen: 1 }],
      notes: '',
    });
    expect(p.map((x) => x.field)).toEqual([
      'content.feeStandards.0.item', 'content.feeStandards.0.unit', 'content.serviceContract.companyName',
      'content.serviceContract.endsOn', 'content.serviceContract.summary', 'content.contractors.0.name',
    ]);
    expect(p[0]!.message).toBe('第1项收费标准缺少收费项目');
  });

  it('a committee package needs its notes, and nothing of the company', () => {
    expect(filingContentProblems('committee', EMPTY_FILING_CONTENT)).toEqual([
      { field: 'content.notes', message: expect.stringContaining('业主委员会') },
    ]);
    expect(filingContentProblems('committee', { ...EMPTY_FILING_CONTENT, notes: '公共收益' })).toEqual([]);
  });
});

describe('filing timeliness', () => {
  it('the due day itself is on time, the next day is late', () => {
    expect(filedLate('2026-10-30', '2026-10-30')).toBe(false);
    expect(filedLate('2026-10-30', '2026-10-31')).toBe(true);
  });

  it('nothing filed: pending up to and including the due day, missing after it', () => {
    const o = { dueOn: '2026-10-30', firstFiledOn: null, latestFiledState: null } as const;
    expect(filingStatus({ ...o, today: '2026-10-30' })).toBe('pending');
    expect(filingStatus({ ...o, today: '2026-10-31' })).toBe('missing');
  });

  it('filed: on time or late by the first filing date; a return stands until a new version is filed', () => {
    expect(filingStatus({ dueOn: '2026-10-30', today: '2026-12-01', firstFiledOn: '2026-10-30', latestFiledState: 'acknowledged' })).toBe('on_time');
    expect(filingStatus({ dueOn: '2026-10-30', today: '2026-12-01', firstFiledOn: '2026-10-31', latestFiledState: 'filed' })).toBe('late');
    expect(filingStatus({ dueOn: '2026-10-30', today: '2026-12-01', firstFiledOn: '2026-10-01', latestFiledState: 'returned' })).toBe('returned');
  });
});
