import { describe, expect, it } from 'vitest';
import { createAccount, createAdmin } from '../../src/modules/identity/index.ts';
import { withTx } from '../../src/platform/db.ts';
import { createEstate, createRegionTree, uniquePhone } from '../support/factories.ts';
import { createTestApp } from '../support/test-app.ts';

describe('identity: accounts created by the system (CLI, seeder)', () => {
  it('system: create-admin makes an admin over the root city who can sign in; audited as the system', async () => {
    const t = await createTestApp();
    const tree = await createRegionTree(t.pool);
    const { id, regionId } = await withTx(t.pool, (db) => createAdmin({ db, username: 'root', password: 'long-enough-pw', displayName: '管理员' }));
    expect(regionId).toBe(tree.cityId);
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', body: { login: 'root', password: 'long-enough-pw' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().grants).toEqual([expect.objectContaining({ role: 'admin', scopeKind: 'region', scopeId: tree.cityId, scopeName: '测试市' })]);
    expect(res.json().permissions).toContain('account.manage');
    const audit = await t.pool.query(`SELECT actor_account_id, actor_role, summary FROM audit_events WHERE action = 'account.create' AND target_id = $1`, [String(id)]);
    expect(audit.rows).toEqual([expect.objectContaining({ actor_account_id: null, actor_role: 'system' })]);
    const hash = await t.pool.query('SELECT password_hash FROM accounts WHERE id = $1', [id]);
    expect(hash.rows[0].password_hash).toMatch(/^\$argon2id\$/);
  });

  it('system: create-admin refuses a short password, a taken username and a missing region, writing nothing', async () => {
    const t = await createTestApp();
    await expect(withTx(t.pool, (db) => createAdmin({ db, username: 'a', password: 'pw', displayName: 'x' }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await createRegionTree(t.pool);
    await expect(withTx(t.pool, (db) => createAdmin({ db, username: 'a', password: 'short', displayName: 'x' }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await withTx(t.pool, (db) => createAdmin({ db, username: 'a', password: 'long-enough-pw', displayName: 'x' }));
    await expect(withTx(t.pool, (db) => createAdmin({ db, username: 'a', password: 'long-enough-pw', displayName: 'y' }))).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await t.pool.query('SELECT count(*)::int AS n FROM accounts')).rows[0].n).toBe(1);
  });

  it('seeder: createAccount gives grants with the scope kind of each role', async () => {
    const t = await createTestApp();
    const tree = await createRegionTree(t.pool);
    const estateId = await createEstate(t.pool, { communityId: tree.communityId });
    const phone = uniquePhone();
    const { id, grantIds } = await withTx(t.pool, (db) =>
      createAccount({ db, phone, password: 'demo-pass-1', displayName: '委员甲', grants: [{ role: 'committee_chair', scopeId: estateId }, { role: 'owner' }] }),
    );
    expect(grantIds).toHaveLength(2);
    const g = await t.pool.query('SELECT role, scope_kind, scope_id FROM role_grants WHERE account_id = $1 ORDER BY id', [id]);
    expect(g.rows).toEqual([
      { role: 'committee_chair', scope_kind: 'estate', scope_id: estateId },
      { role: 'owner', scope_kind: 'owner', scope_id: null },
    ]);
    await expect(withTx(t.pool, (db) => createAccount({ db, username: 'z', displayName: 'z', grants: [{ role: 'street_officer' }] }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
