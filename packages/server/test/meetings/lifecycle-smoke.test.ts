import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.ts';
import { closeMeeting, openMeeting } from './support.ts';

describe('meetings: the shared helper', () => {
  it('convener + street officer: openMeeting takes a meeting to voting_open with a frozen roster; closeMeeting closes it', async () => {
    const t = await createTestApp();
    const m = await openMeeting(t);
    const row = await t.pool.query('SELECT state, developer_owner_id, pseudonym_salt FROM meetings WHERE id = $1', [m.meetingId]);
    expect(row.rows[0].state).toBe('voting_open');
    expect(row.rows[0].developer_owner_id).toBe(m.developer.ownerId);
    expect(row.rows[0].pseudonym_salt).toMatch(/^[0-9a-f]{64}$/);
    expect(m.itemIds).toHaveLength(2);
    expect(m.candidateIds).toHaveLength(3);
    const keys = await t.pool.query('SELECT unit_id, voter_key FROM meeting_roster_units WHERE meeting_id = $1', [m.meetingId]);
    expect(keys.rows).toHaveLength(12);
    const byUnit = new Map(keys.rows.map((r) => [Number(r.unit_id), r.voter_key]));
    for (const o of [...m.owners, ...m.unboundOwners]) for (const u of o.unitIds) expect(byUnit.get(u)).toBe(o.voterKey);
    expect(new Set(keys.rows.map((r) => r.voter_key)).size).toBe(9);
    const state = await closeMeeting(t, m.meetingId);
    expect(['closed', 'tallied']).toContain(state);
  });
});
