import { isValidIdNumber } from '@gongzhi/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/platform/audit.ts';
import { verifyPassword } from '../../src/platform/auth/password.ts';
import { decryptIdNumber } from '../../src/platform/crypto.ts';
import { DEMO_ACCOUNTS, DEMO_INVITATION_CODE, DEMO_PASSWORD } from '../../src/modules/demo/accounts.ts';
import { DatabaseNotEmptyError, loadDemoCity, seedIfEmpty, type DemoLoadSummary } from '../../src/modules/demo/index.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const count = async (t: TestApp, sql: string, params: unknown[] = []) => Number((await t.pool.query(sql, params)).rows[0].n);

describe('demo city in the database', () => {
  let t: TestApp;
  let summary: DemoLoadSummary | null;
  beforeAll(async () => {
    t = await createTestApp();
    summary = await seedIfEmpty(t.pool, t.secrets);
  }, 120_000);

  // how long seeding takes is printed by `gongzhi seed` (summary.ms), not asserted here: timed
  // assertions fail on a loaded machine and belong in bench/
  it('system: seeds an empty database in one go', async () => {
    expect(summary).not.toBeNull();
    expect(await count(t, `SELECT count(*) AS n FROM regions`)).toBe(15);
    expect(await count(t, `SELECT count(*) AS n FROM estates`)).toBe(12);
    const units = await count(t, `SELECT count(*) AS n FROM units`);
    expect(units).toBeGreaterThanOrEqual(19_000);
    expect(units).toBeLessThanOrEqual(21_000);
    const sizes = (await t.pool.query(`SELECT count(*)::int AS n FROM units GROUP BY estate_id`)).rows.map((r) => r.n as number);
    expect(Math.min(...sizes)).toBe(200);
    expect(Math.max(...sizes)).toBe(5000);
    expect(await count(t, `SELECT count(*) AS n FROM companies`)).toBe(3);
    // every unit has a current owner
    expect(await count(t, `SELECT count(*) AS n FROM units u WHERE NOT EXISTS (SELECT 1 FROM ownerships o WHERE o.unit_id = u.id AND o.valid_to IS NULL)`)).toBe(0);
  });

  it('system: region paths nest city > district > street > community', async () => {
    const r = await t.pool.query(`SELECT c.path AS child, p.path AS parent FROM regions c JOIN regions p ON p.id = c.parent_id`);
    expect(r.rows).toHaveLength(14);
    for (const row of r.rows) expect(row.child.startsWith(row.parent)).toBe(true);
  });

  it('system: ID numbers are stored encrypted, decrypt to valid numbers and match their last four digits', async () => {
    const r = await t.pool.query(`SELECT id_number_enc, id_number_last4 FROM owners WHERE kind = 'person' ORDER BY id LIMIT 50`);
    for (const row of r.rows) {
      expect(row.id_number_enc).not.toMatch(/\d{17}/);
      const plain = decryptIdNumber(t.secrets, row.id_number_enc);
      expect(isValidIdNumber(plain)).toBe(true);
      expect(plain.slice(-4)).toBe(row.id_number_last4);
    }
    expect(await count(t, `SELECT count(*) AS n FROM owners WHERE kind = 'person' AND (id_number_hmac IS NULL OR id_number_last4 IS NULL)`)).toBe(0);
  });

  it('system: co-owned units, multi-unit owners, developer units and history are in the database', async () => {
    expect(await count(t, `SELECT count(*) AS n FROM (SELECT unit_id FROM ownerships WHERE valid_to IS NULL GROUP BY unit_id HAVING count(*) = 2) x`)).toBeGreaterThan(500);
    expect(await count(t, `SELECT count(*) AS n FROM ownerships WHERE valid_to IS NOT NULL`)).toBeGreaterThan(500);
    // developer owns exactly the unsold and undelivered units of its estates
    expect(await count(t, `SELECT count(*) AS n FROM ownerships o JOIN owners w ON w.id = o.owner_id JOIN units u ON u.id = o.unit_id
      WHERE o.valid_to IS NULL AND w.is_developer <> (u.status <> 'sold')`)).toBe(0);
    expect(await count(t, `SELECT count(*) AS n FROM estates e JOIN owners w ON w.id = e.developer_id WHERE w.is_developer`)).toBe(12);
  });

  it('system: one estate has an acting body and no committee; every estate has a contract in force', async () => {
    const r = await t.pool.query(`SELECT e.code FROM estates e WHERE NOT EXISTS (SELECT 1 FROM committees c WHERE c.estate_id = e.id AND c.kind = 'committee')`);
    expect(r.rows.map((x) => x.code)).toEqual(['DEMO12']);
    expect(await count(t, `SELECT count(*) AS n FROM committees WHERE kind = 'property_management_committee'`)).toBe(1);
    expect(await count(t, `SELECT count(DISTINCT estate_id) AS n FROM service_contracts WHERE starts_on <= current_date AND ends_on >= current_date`)).toBe(12);
    expect(await count(t, `SELECT count(*) AS n FROM service_contracts WHERE ends_on < current_date`)).toBe(1);
  });

  it('system: an account for every demo entry with the demo password and a grant in scope', async () => {
    const r = await t.pool.query(
      `SELECT a.username, a.password_hash, array_agg(g.role ORDER BY g.role) AS roles
         FROM accounts a JOIN role_grants g ON g.account_id = a.id GROUP BY a.id ORDER BY a.id`,
    );
    expect(r.rows.map((x) => x.username)).toEqual(DEMO_ACCOUNTS.map((a) => a.username));
    for (const a of DEMO_ACCOUNTS) expect(r.rows.find((x) => x.username === a.username).roles).toContain(a.role);
    expect(r.rows.find((x) => x.username === 'member').roles).toEqual(['committee_member', 'owner']);
    expect(await verifyPassword(r.rows[0].password_hash, DEMO_PASSWORD)).toBe(true);
    // the community officer reaches estate DEMO01; the property manager's company serves it
    expect(await count(t, `SELECT count(*) AS n FROM role_grants g JOIN accounts a ON a.id = g.account_id JOIN regions c ON c.id = g.scope_id
      JOIN regions cm ON cm.path LIKE c.path || '%' JOIN estates e ON e.community_id = cm.id WHERE a.username = 'community' AND e.code = 'DEMO01'`)).toBe(1);
    expect(await count(t, `SELECT count(*) AS n FROM role_grants g JOIN accounts a ON a.id = g.account_id
      JOIN service_contracts s ON s.company_id = g.scope_id JOIN estates e ON e.id = s.estate_id
      WHERE a.username = 'manager' AND e.code = 'DEMO01' AND s.ends_on >= current_date`)).toBe(1);
  });

  it('system: owner bindings are approved and match current ownerships; owner3 has only an invitation', async () => {
    const b = await t.pool.query(
      `SELECT a.username, count(*)::int AS n FROM bindings b JOIN accounts a ON a.id = b.account_id
        JOIN ownerships o ON o.unit_id = b.unit_id AND o.owner_id = b.owner_id AND o.valid_to IS NULL
       WHERE b.status = 'approved' GROUP BY a.username ORDER BY a.username`,
    );
    expect(b.rows).toEqual([
      { username: 'member', n: 1 }, { username: 'owner1', n: 2 }, { username: 'owner2', n: 1 }, { username: 'owner4', n: 1 },
    ]);
    const inv = await t.pool.query(`SELECT i.used_at, i.expires_at > now() AS live, o.phone FROM invitations i JOIN owners o ON o.id = i.owner_id WHERE code = $1`, [DEMO_INVITATION_CODE]);
    expect(inv.rows).toEqual([{ used_at: null, live: true, phone: DEMO_ACCOUNTS.find((a) => a.username === 'owner3')!.phone }]);
  });

  it('system: one demo.seed audit event, and the chain verifies', async () => {
    expect(await count(t, `SELECT count(*) AS n FROM audit_events WHERE action = 'demo.seed'`)).toBe(1);
    expect((await verifyAuditChain(t.pool)).ok).toBe(true);
  });

  it('system: a database that is not empty is left untouched', async () => {
    expect(await seedIfEmpty(t.pool, t.secrets)).toBeNull();
    await expect(loadDemoCity({ pool: t.pool, secrets: t.secrets })).rejects.toBeInstanceOf(DatabaseNotEmptyError);
    expect(await count(t, `SELECT count(*) AS n FROM estates`)).toBe(12);
  });

  it('anyone: the login page gets the demo accounts in demo mode', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/demo/accounts' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ password: DEMO_PASSWORD, accounts: DEMO_ACCOUNTS.map((a) => ({ ...a, phone: `${a.phone.slice(0, 3)}****${a.phone.slice(-4)}` })) });
  });
});

describe('demo accounts outside demo mode', () => {
  it('anyone: the list does not exist when demo mode is off', async () => {
    const t = await createTestApp({ demo: false });
    const res = await t.request({ method: 'GET', url: '/api/v1/demo/accounts' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });
});
