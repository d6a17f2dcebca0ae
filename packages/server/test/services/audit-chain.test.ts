import { describe, expect, it } from 'vitest';
import { appendAudit, hashAuditRow, verifyAuditChain } from '../../src/platform/audit.ts';
import { createPool, withTx } from '../../src/platform/db.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createWorld, signIn, type Actor } from './factories.ts';

/** A database with several real audited mutations made through the API. */
async function auditedWorld(): Promise<{ t: TestApp; admin: Actor; chair: Actor; seqs: number[] }> {
  const t = await createTestApp();
  const w = await createWorld(t.pool);
  const admin = await signIn(t.pool, { role: 'admin', scopeId: w.cityId });
  const chair = await signIn(t.pool, { role: 'committee_chair', scopeId: w.estateA });
  const owner = await signIn(t.pool, { role: 'owner', units: [{ unitId: w.unitA1, estateId: w.estateA }] });
  const post = async (a: Actor, url: string, body?: unknown) => {
    const res = await t.request({ method: 'POST', url: `/api/v1${url}`, cookie: a.cookie, body });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  await post(chair, '/notifications/send', { estateId: w.estateA, subject: '通知一', body: '正文', audience: 'owners' });
  await post(chair, '/notifications/send', { estateId: w.estateA, subject: '通知二', body: '正文', audience: 'committee' });
  const box = (await t.request({ method: 'GET', url: '/api/v1/notifications', cookie: owner.cookie })).json();
  await post(owner, `/notifications/${box.items[0].id}/read`);
  await post(owner, '/notifications/read-all');
  await post(chair, '/notifications/send', { estateId: w.estateA, subject: '通知三', body: '正文', audience: 'owners' });
  const seqs = (await t.pool.query('SELECT seq FROM audit_events ORDER BY seq')).rows.map((r) => r.seq as number);
  return { t, admin, chair, seqs };
}

/** Edits the log the way an intruder with database access would: the append-only trigger is
 *  bypassed by replica mode (superuser only). */
async function tamper(t: TestApp, sql: string, params: unknown[]): Promise<void> {
  await withTx(t.pool, async (db) => {
    await db.query('SET LOCAL session_replication_role = replica');
    await db.query(sql, params);
  });
}

describe('audit chain', () => {
  it('admin: several audited mutations form a valid chain; verify reports it over the API', async () => {
    const { t, admin, seqs } = await auditedWorld();
    expect(seqs).toEqual([1, 2, 3, 4, 5]);
    expect(await verifyAuditChain(t.pool)).toEqual({ ok: true, checked: 5 });
    const res = await t.request({ method: 'POST', url: '/api/v1/audit/verify', cookie: admin.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, checked: 5 });
    // the check itself is recorded, and the chain stays valid
    const last = (await t.pool.query('SELECT action, summary FROM audit_events ORDER BY seq DESC LIMIT 1')).rows[0];
    expect(last).toEqual({ action: 'audit.verify', summary: { ok: true, checked: 5, firstBroken: null } });
    expect(await verifyAuditChain(t.pool)).toEqual({ ok: true, checked: 6 });
  });

  it('intruder: an edited summary is detected at exactly that row', async () => {
    const { t, admin } = await auditedWorld();
    await tamper(t, `UPDATE audit_events SET summary = jsonb_set(summary, '{count}', '999') WHERE seq = 3`, []);
    expect(await verifyAuditChain(t.pool)).toEqual({ ok: false, checked: 2, firstBroken: { seq: 3, reason: 'hash_mismatch' } });
    const res = await t.request({ method: 'POST', url: '/api/v1/audit/verify', cookie: admin.cookie });
    expect(res.json()).toMatchObject({ ok: false, firstBroken: { seq: 3, reason: 'hash_mismatch' } });
  });

  it('intruder: an edit that also recomputes the row hash breaks the link of the next row', async () => {
    const { t } = await auditedWorld();
    const row = (await t.pool.query('SELECT * FROM audit_events WHERE seq = 2')).rows[0];
    const forged = { ...row, seq: 2, actor_role: 'admin' };
    await tamper(t, 'UPDATE audit_events SET actor_role = $1, hash = $2 WHERE seq = 2', ['admin', hashAuditRow(forged)]);
    expect(await verifyAuditChain(t.pool)).toEqual({ ok: false, checked: 2, firstBroken: { seq: 3, reason: 'prev_link_mismatch' } });
  });

  it('intruder: deleting a middle row is a sequence gap at that seq', async () => {
    const { t } = await auditedWorld();
    await tamper(t, 'DELETE FROM audit_events WHERE seq = 3', []);
    expect(await verifyAuditChain(t.pool)).toEqual({ ok: false, checked: 2, firstBroken: { seq: 3, reason: 'sequence_gap' } });
  });

  it('anyone with SQL but no bypass: UPDATE and DELETE are refused by the trigger', async () => {
    const { t } = await auditedWorld();
    await expect(t.pool.query(`UPDATE audit_events SET summary = '{}' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(t.pool.query('DELETE FROM audit_events WHERE seq = 1')).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(t.pool)).toEqual({ ok: true, checked: 5 });
  });

  it('committee chair: may not run the verification (403)', async () => {
    const { t, chair } = await auditedWorld();
    const res = await t.request({ method: 'POST', url: '/api/v1/audit/verify', cookie: chair.cookie });
    expect(res.statusCode).toBe(403);
  });

  it('20 parallel transactions appending at once still form one valid chain', async () => {
    const t = await createTestApp();
    const pool = createPool(t.databaseUrl, 20);
    try {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          withTx(pool, async (db) => {
            await appendAudit(db, { accountId: null, role: null, ip: null }, { action: 'test.parallel', targetType: 'test', targetId: i, summary: { i } });
            await db.query('SELECT pg_sleep(0.005)'); // hold the transaction open a moment
          }),
        ),
      );
      // one that rolls back leaves no hole
      await withTx(pool, async (db) => {
        await appendAudit(db, { accountId: null, role: null, ip: null }, { action: 'test.rolled_back', targetType: 'test' });
        throw new Error('abort');
      }).catch(() => undefined);
      await withTx(pool, (db) => appendAudit(db, { accountId: null, role: null, ip: null }, { action: 'test.after', targetType: 'test' }));
    } finally {
      await pool.end();
    }
    const rows = (await t.pool.query('SELECT seq, summary FROM audit_events ORDER BY seq')).rows;
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(new Set(rows.slice(0, 20).map((r) => r.summary.i)).size).toBe(20);
    expect(await verifyAuditChain(t.pool)).toEqual({ ok: true, checked: 21 });
    // pages smaller than the chain cross page boundaries correctly
    expect(await verifyAuditChain(t.pool, 3)).toEqual({ ok: true, checked: 21 });
  });
});
