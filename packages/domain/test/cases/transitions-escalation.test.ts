import { describe, expect, it } from 'vitest';
import {
  CASE_ACTIONS, CASE_LEVELS, CASE_STATES, autoEscalationReason, autoEscalationTarget, caseActionRefusal, caseActionsIn,
  manualEscalationCheck, type CaseAction, type CaseState,
} from '../../src/index.ts';

describe('the action × state table', () => {
  it('allows exactly these actions in each state', () => {
    const expected: Record<CaseState, CaseAction[]> = {
      open: ['respond', 'assign', 'note', 'resolve', 'escalate', 'merge', 'verify', 'call_departments', 'report'],
      in_progress: ['assign', 'note', 'resolve', 'escalate', 'merge', 'verify', 'call_departments', 'report'],
      resolved: ['note', 'confirm', 'reopen', 'escalate', 'verify'],
      closed: ['verify'],
      merged: [],
    };
    for (const s of CASE_STATES) expect(caseActionsIn(s), s).toEqual(expected[s]);
  });

  it('caseActionRefusal is null exactly where the action is allowed and a Chinese reason elsewhere', () => {
    for (const s of CASE_STATES) {
      for (const a of CASE_ACTIONS) {
        const r = caseActionRefusal(s, a);
        if (caseActionsIn(s).includes(a)) expect(r, `${s}/${a}`).toBeNull();
        else expect(r, `${s}/${a}`).toMatch(/^案件.*[\u4e00-\u9fa5]/);
      }
    }
  });

  it('names why: already answered, closed, merged, awaiting the owner, not yet resolved', () => {
    expect(caseActionRefusal('in_progress', 'respond')).toBe('案件已响应，无需再次响应');
    expect(caseActionRefusal('closed', 'note')).toBe('案件已办结，不能添加备注');
    expect(caseActionRefusal('merged', 'resolve')).toBe('案件已合并到其他案件，不能办结，请在合并后的案件中办理');
    expect(caseActionRefusal('resolved', 'resolve')).toBe('案件已办结待业主确认，不能办结');
    expect(caseActionRefusal('open', 'confirm')).toBe('案件待响应，尚未办结，不能确认办结并评价');
    expect(caseActionRefusal('in_progress', 'reopen')).toBe('案件处理中，尚未办结，不能重新办理');
  });
});

describe('manualEscalationCheck', () => {
  it('company → committee, committee → community, community → street are allowed while open, in progress or resolved', () => {
    for (const state of ['open', 'in_progress', 'resolved'] as const) {
      expect(manualEscalationCheck({ level: 'company', state, alreadyFrom: [], toLevel: 'committee' })).toEqual({ ok: true, toLevel: 'committee' });
      expect(manualEscalationCheck({ level: 'committee', state, alreadyFrom: ['company'], toLevel: 'community' })).toEqual({ ok: true, toLevel: 'community' });
      expect(manualEscalationCheck({ level: 'community', state, alreadyFrom: ['company', 'committee'], toLevel: 'street' })).toEqual({ ok: true, toLevel: 'street' });
    }
  });

  it('without toLevel it answers whether the button shows and names the next rung', () => {
    expect(manualEscalationCheck({ level: 'committee', state: 'open', alreadyFrom: [] })).toEqual({ ok: true, toLevel: 'community' });
  });

  it('cannot skip a rung, stay on it or go down: CASE_LEVEL_SKIP naming the next rung', () => {
    for (const toLevel of ['community', 'street', 'department', 'company'] as const) {
      expect(manualEscalationCheck({ level: 'company', state: 'open', alreadyFrom: [], toLevel }), toLevel).toEqual({
        ok: false, code: 'CASE_LEVEL_SKIP', toLevel: 'committee', message: '只能逐级升级：下一级是业主委员会',
      });
    }
    expect(manualEscalationCheck({ level: 'committee', state: 'open', alreadyFrom: [], toLevel: 'committee' })).toMatchObject({ ok: false, code: 'CASE_LEVEL_SKIP' });
  });

  it('a rung already reached by an escalation (a race lost to a double click or the sweeper): CASE_ALREADY_ESCALATED, not a skip', () => {
    expect(manualEscalationCheck({ level: 'committee', state: 'open', alreadyFrom: ['company'], toLevel: 'committee' })).toEqual({
      ok: false, code: 'CASE_ALREADY_ESCALATED', toLevel: 'community', message: '案件已升级至业主委员会，无需重复升级',
    });
    expect(manualEscalationCheck({ level: 'street', state: 'open', alreadyFrom: ['company', 'committee', 'community'], toLevel: 'street' }))
      .toMatchObject({ ok: false, code: 'CASE_ALREADY_ESCALATED', toLevel: null });
    expect(manualEscalationCheck({ level: 'community', state: 'open', alreadyFrom: ['company', 'committee'], toLevel: 'committee' }))
      .toMatchObject({ ok: false, code: 'CASE_ALREADY_ESCALATED' });
  });

  it('once per rung: CASE_ALREADY_ESCALATED when this rung was already left once', () => {
    expect(manualEscalationCheck({ level: 'committee', state: 'open', alreadyFrom: ['company', 'committee'], toLevel: 'community' })).toEqual({
      ok: false, code: 'CASE_ALREADY_ESCALATED', toLevel: 'community', message: '本案件已从业主委员会升级过一次，每一级只能升级一次',
    });
  });

  it('not by hand at the street (its own 吹哨) or at a department: INVALID_TRANSITION', () => {
    expect(manualEscalationCheck({ level: 'street', state: 'open', alreadyFrom: [], toLevel: 'department' })).toEqual({
      ok: false, code: 'INVALID_TRANSITION', toLevel: null, message: '案件已在街道办事处办理，是否召集职能部门由街道决定，不能再手动升级',
    });
    expect(manualEscalationCheck({ level: 'department', state: 'in_progress', alreadyFrom: [] })).toMatchObject({ ok: false, code: 'INVALID_TRANSITION', toLevel: null });
  });

  it('not once closed or merged, and the state is checked first (before the rung asked for)', () => {
    expect(manualEscalationCheck({ level: 'company', state: 'closed', alreadyFrom: [], toLevel: 'street' })).toEqual({
      ok: false, code: 'INVALID_TRANSITION', toLevel: 'committee', message: '案件已办结，不能升级',
    });
    expect(manualEscalationCheck({ level: 'company', state: 'merged', alreadyFrom: [], toLevel: 'committee' })).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  });
});

describe('automatic escalation', () => {
  it('goes one rung up below the street and stops there', () => {
    expect(CASE_LEVELS.map((l) => [l, autoEscalationTarget(l)])).toEqual([
      ['company', 'committee'], ['committee', 'community'], ['community', 'street'], ['street', null], ['department', null],
    ]);
  });

  it('says why on the timeline', () => {
    expect(autoEscalationReason('street')).toBe('处理时限已到仍未办结，自动升级至街道办事处');
  });
});
