import { describe, expect, it } from 'vitest';
import {
  MEETING_ACTIONS, MEETING_STATES, MEETING_TRANSITIONS, applyTransition, availableActions, canTransition,
  type ActorKind, type MeetingAction, type MeetingState,
} from '../../src/index.ts';

const ACTORS: ActorKind[] = ['convener', 'street_office', 'system'];
// Enough input to satisfy reason and timing guards, so only state and actor decide.
const full = { reason: '原因', now: 2_000, timing: { votingOpensAt: 1_000, votingClosesAt: 1_000, objectionEndsAt: 1_000 } };

describe('meeting transition table', () => {
  it('has an entry for every action, each naming existing states', () => {
    expect([...MEETING_ACTIONS].sort()).toEqual([
      'approve', 'cancel', 'close', 'finalise', 'open_voting', 'publish_notice', 'publish_result',
      'reject', 'start_objection_period', 'submit', 'tally',
    ]);
    for (const t of Object.values(MEETING_TRANSITIONS)) {
      expect(MEETING_STATES).toContain(t.to);
      for (const s of t.from) expect(MEETING_STATES).toContain(s);
    }
  });

  it('walks the happy path draft → final', () => {
    const path: [MeetingAction, ActorKind, MeetingState][] = [
      ['submit', 'convener', 'submitted'], ['approve', 'street_office', 'approved'],
      ['publish_notice', 'convener', 'notice_published'], ['open_voting', 'system', 'voting_open'],
      ['close', 'system', 'closed'], ['tally', 'system', 'tallied'], ['publish_result', 'convener', 'result_published'],
      ['start_objection_period', 'system', 'objection_period'], ['finalise', 'system', 'final'],
    ];
    let state: MeetingState = 'draft';
    for (const [action, actor, to] of path) {
      const r = applyTransition({ state, action, actor, ...full });
      expect(r, `${action} from ${state}`).toMatchObject({ ok: true, to });
      if (r.ok) state = r.to;
    }
    expect(state).toBe('final');
  });

  // Every (action, state, actor) combination: allowed exactly when the table says so.
  for (const action of MEETING_ACTIONS) {
    const t = MEETING_TRANSITIONS[action];
    describe(`${action}`, () => {
      for (const state of MEETING_STATES) {
        for (const actor of ACTORS) {
          const allowed = t.from.includes(state) && t.actors.includes(actor);
          it(`${actor} from ${state}: ${allowed ? 'allowed' : 'refused'}`, () => {
            expect(canTransition(state, action, actor)).toBe(allowed);
            const r = applyTransition({ state, action, actor, ...full });
            if (allowed) {
              expect(r).toEqual({ ok: true, from: state, to: t.to, transition: t });
            } else {
              expect(r.ok).toBe(false);
              if (!r.ok) {
                expect(r.code).toBe(t.from.includes(state) ? 'wrong_actor' : 'wrong_state');
                expect(r.message).toMatch(/[\u4e00-\u9fff]/);
              }
            }
          });
        }
      }
    });
  }

  it('convener may cancel before the tally; nobody may cancel after it', () => {
    for (const state of ['draft', 'submitted', 'approved', 'notice_published', 'voting_open', 'closed'] as const) {
      expect(applyTransition({ state, action: 'cancel', actor: 'convener', reason: '业主委员会决定延期' })).toMatchObject({ ok: true, to: 'cancelled' });
      expect(applyTransition({ state, action: 'cancel', actor: 'street_office', reason: '责令改正' })).toMatchObject({ ok: true, to: 'cancelled' });
    }
    for (const state of ['tallied', 'result_published', 'objection_period', 'final', 'cancelled'] as const) {
      for (const actor of ACTORS) {
        const r = applyTransition({ state, action: 'cancel', actor, reason: '原因' });
        expect(r).toMatchObject({ ok: false, code: 'wrong_state', field: 'state' });
      }
    }
  });

  it('cancel and reject need a non-blank reason', () => {
    expect(applyTransition({ state: 'draft', action: 'cancel', actor: 'convener' })).toMatchObject({ ok: false, code: 'reason_required', field: 'reason' });
    expect(applyTransition({ state: 'draft', action: 'cancel', actor: 'convener', reason: '  ' })).toMatchObject({ ok: false, code: 'reason_required' });
    expect(applyTransition({ state: 'submitted', action: 'reject', actor: 'street_office' })).toMatchObject({ ok: false, code: 'reason_required' });
    expect(applyTransition({ state: 'submitted', action: 'reject', actor: 'street_office', reason: '户数不符' })).toMatchObject({ ok: true, to: 'draft' });
  });

  it('a rejected meeting can be resubmitted', () => {
    const back = applyTransition({ state: 'submitted', action: 'reject', actor: 'street_office', reason: '户数不符' });
    expect(back.ok && applyTransition({ state: back.to, action: 'submit', actor: 'convener' })).toMatchObject({ ok: true, to: 'submitted' });
  });

  it('timed transitions refuse before their moment and without time information', () => {
    const timing = { votingOpensAt: 1_000, votingClosesAt: 5_000, objectionEndsAt: 9_000 };
    expect(applyTransition({ state: 'notice_published', action: 'open_voting', actor: 'system', now: 999, timing })).toMatchObject({ ok: false, code: 'too_early', field: 'now' });
    expect(applyTransition({ state: 'notice_published', action: 'open_voting', actor: 'system', now: 1_000, timing })).toMatchObject({ ok: true });
    expect(applyTransition({ state: 'voting_open', action: 'close', actor: 'system', now: 4_999, timing })).toMatchObject({ ok: false, code: 'too_early' });
    expect(applyTransition({ state: 'voting_open', action: 'close', actor: 'system', now: 5_000, timing })).toMatchObject({ ok: true, to: 'closed' });
    expect(applyTransition({ state: 'objection_period', action: 'finalise', actor: 'system', now: 8_999, timing })).toMatchObject({ ok: false, code: 'too_early' });
    expect(applyTransition({ state: 'voting_open', action: 'close', actor: 'system' })).toMatchObject({ ok: false, code: 'too_early' });
  });

  it('an unknown action is refused', () => {
    expect(applyTransition({ state: 'draft', action: 'vote' as MeetingAction, actor: 'convener' })).toMatchObject({ ok: false, code: 'unknown_action' });
    expect(canTransition('draft', 'vote' as MeetingAction, 'convener')).toBe(false);
  });

  it('availableActions lists what the actor can do', () => {
    expect(availableActions('submitted', 'street_office').sort()).toEqual(['approve', 'cancel', 'reject']);
    expect(availableActions('submitted', 'convener')).toEqual(['cancel']);
    expect(availableActions('final', 'system')).toEqual([]);
  });
});
