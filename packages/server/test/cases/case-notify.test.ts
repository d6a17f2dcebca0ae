import { beforeAll, describe, expect, it } from 'vitest';
import { withTx } from '../../src/platform/db.ts';
import { sweepCases } from '../../src/modules/cases/case-sweep.ts';
import { localDateTime } from '../../src/modules/meetings/index.ts';
import { createCompany, signedInAs } from '../support/factories.ts';
import type { Signed } from '../support/api.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, caseRow, escalationWorld, insertCall, insertCase, type EscalationWorld } from './escalation-fixture.ts';

// Inbox notices of cases: a case reaching a rung (filed, escalated by hand or by the sweeper)
// tells the accounts holding that rung for its estate, and nobody else; the case's owner and
// followers are told it was escalated, resolved, reported on by a department, or merged. The
// texts name the case number and title, never an owner.

let t: TestApp;
let w: EscalationWorld;
/** Everyone with a role somewhere near the estate, plus outsiders who must never hear of it. */
let p: Record<string, Signed>;
const past = (ms = 60_000) => new Date(Date.now() - ms);
const sweep = () => withTx(t.pool, (db) => sweepCases(db, {}));

beforeAll(async () => {
  t = await createTestApp();
  w = await escalationWorld(t);
  const otherCompany = await createCompany(t.pool, { name: '别家物业' });
  const revoked = await signedInAs(t, { role: 'property_staff', scopeId: w.companyId });
  await t.pool.query('UPDATE role_grants SET revoked_at = now() WHERE account_id = $1', [revoked.accountId]);
  p = {
    staff: w.staff,
    manager: await signedInAs(t, { role: 'property_manager', scopeId: w.companyId }),
    committee: w.committee,
    chair: await signedInAs(t, { role: 'committee_chair', scopeId: w.estateId }),
    secretary: await signedInAs(t, { role: 'committee_secretary', scopeId: w.estateId }),
    community: w.community,
    street: w.street,
    district: w.district,
    urban: w.deptOfficers.urban,
    fire: w.deptOfficers.fire,
    owner3: w.owner3,
    owner5: w.owner5,
    otherCompanyManager: await signedInAs(t, { role: 'property_manager', scopeId: otherCompany }),
    revokedStaff: revoked,
    foreignCommittee: await signedInAs(t, { role: 'committee_member', scopeId: w.foreign.estateId }),
    foreignStreet: w.foreign.street,
  };
});

const nameOf = (accountId: number) => Object.entries(p).find(([, s]) => s.accountId === accountId)?.[0] ?? `#${accountId}`;

/** The inbox notices mentioning a case number: who (by role name) got which subject. */
async function noticesOf(no: string): Promise<{ who: string; subject: string; body: string }[]> {
  const r = await t.pool.query(
    `SELECT account_id, subject, body FROM notifications WHERE channel = 'inbox' AND (body LIKE '%' || $1 || '（%' OR body LIKE '%' || $1 || ' %') ORDER BY account_id, id`,
    [no],
  );
  return r.rows.map((x) => ({ who: nameOf(Number(x.account_id)), subject: String(x.subject), body: String(x.body) }));
}
const whoGot = async (no: string, subjectStart: string) =>
  (await noticesOf(no)).filter((n) => n.subject.startsWith(subjectStart)).map((n) => n.who).sort();

async function fileAsOwner3(over: Record<string, unknown> = {}) {
  const res = await api(t, w.owner3).post('/my/cases', {
    category: 'common_repair', locationKind: 'unit', unitId: w.units.u3, title: '卫生间漏水', description: '楼上渗水到我家卫生间天花板。', ...over,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: number; no: string; respondDueAt: string };
}

const noOf = async (id: number) => String((await caseRow(t, id)).no);

describe('a case arriving at a rung', () => {
  it('owner files a repair: the serving company’s staff and manager are told, with number, title and respond deadline; nobody else', async () => {
    const c = await fileAsOwner3();
    const all = await noticesOf(c.no);
    expect(all.map((n) => n.who).sort()).toEqual(['manager', 'staff']);
    expect(all[0].subject).toBe('新案件待办：卫生间漏水');
    expect(all[0].body).toBe(`案件 ${c.no}（卫生间漏水）按分派规则交由物业服务企业办理，请于 ${localDateTime(new Date(c.respondDueAt))} 前响应。`);
    expect(all.some((n) => n.body.includes('张三'))).toBe(false);
  });

  it('owner files a complaint about the company: the committee roles are told (not the company)', async () => {
    const c = await fileAsOwner3({ category: 'company_conduct', title: '物业乱收费' });
    expect(await whoGot(c.no, '新案件待办')).toEqual(['chair', 'committee', 'secretary']);
  });

  it('owner files where the estate routes to its secretary: only the committee secretary is told', async () => {
    await t.pool.query(`INSERT INTO case_routing_rules (estate_id, category, party) VALUES ($1, 'cleaning', 'secretary')`, [w.estateId]);
    const c = await fileAsOwner3({ category: 'cleaning', locationKind: 'common_area', unitId: undefined, locationText: '2号垃圾站', title: '垃圾站满溢' });
    expect(await whoGot(c.no, '新案件待办')).toEqual(['secretary']);
  });

  it('owner files illegal construction: routed to the street’s urban management, whose officer is told (not the fire brigade)', async () => {
    const c = await fileAsOwner3({ category: 'illegal_construction', locationKind: 'common_area', unitId: undefined, locationText: '3栋楼顶', title: '楼顶违建' });
    expect(await whoGot(c.no, '新案件待办')).toEqual(['urban']);
  });

  it('owner escalates by hand: the committee roles get a rung notice; the follower is told, the owner who did it is not', async () => {
    const id = await insertCase(t, { estateId: w.estateId, ownerAccountId: w.owner3.accountId, level: 'company', title: '电梯停运' });
    await t.pool.query('INSERT INTO case_followers (case_id, account_id) VALUES ($1, $2)', [id, w.owner5.accountId]);
    const res = await api(t, w.owner3).post(`/my/cases/${id}/escalate`, { toLevel: 'committee', reason: '物业三天没来修' });
    expect(res.statusCode, res.body).toBe(200);
    const no = await noOf(id);
    expect(await whoGot(no, '案件升级待办')).toEqual(['chair', 'committee', 'secretary']);
    expect(await whoGot(no, '您关注的案件已升级')).toEqual(['owner5']);
    const row = await caseRow(t, id);
    const [f] = (await noticesOf(no)).filter((n) => n.who === 'owner5');
    expect(f.body).toBe(`您关注的案件 ${no}（电梯停运）已升级至业主委员会办理，新的响应期限为 ${localDateTime(row.respond_due_at)}。`);
    expect((await noticesOf(no)).length).toBe(4);
  });

  it('owner: a refused escalation (skipping a rung) tells nobody', async () => {
    const id = await insertCase(t, { estateId: w.estateId, ownerAccountId: w.owner3.accountId, level: 'company' });
    expect((await api(t, w.owner3).post(`/my/cases/${id}/escalate`, { toLevel: 'street', reason: '跳级' })).statusCode).toBe(422);
    expect(await noticesOf(await noOf(id))).toEqual([]);
  });

  it('system: the sweeper takes a due case from the community to the street: the estate’s street officers are told, not another street', async () => {
    const id = await insertCase(t, { estateId: w.estateId, ownerAccountId: w.owner5.accountId, level: 'community', nextDueAt: past() });
    expect((await sweep()).escalated).toBeGreaterThanOrEqual(1);
    const no = await noOf(id);
    expect(await whoGot(no, '案件升级待办')).toEqual(['street']);
    expect(await whoGot(no, '您关注的案件已升级')).toEqual(['owner5']);
    expect((await noticesOf(no)).find((n) => n.who === 'street')!.body).toContain('已升级至街道办事处办理');
  });

  it('street officer: calling in departments tells each department once (the call notice) and the case’s owner', async () => {
    const id = await insertCase(t, { estateId: w.estateId, ownerAccountId: w.owner3.accountId, level: 'street', title: '阳台违建' });
    const res = await api(t, w.street).post(`/cases/${id}/call-departments`, { departmentIds: [w.departments.urban], instruction: '请核查' });
    expect(res.statusCode, res.body).toBe(200);
    const no = await noOf(id);
    expect((await noticesOf(no)).map((n) => n.who).sort()).toEqual(['owner3', 'urban']);
    expect(await whoGot(no, '您关注的案件已升级')).toEqual(['owner3']);
  });
});

describe('the bulk path (sweepCases)', () => {
  it('system: one sweep of many due cases in two estates writes exactly one notice per recipient per case, each estate to its own people', async () => {
    await sweep(); // leftovers of earlier tests
    const ours: number[] = [];
    for (let i = 0; i < 40; i++) {
      ours.push(await insertCase(t, { estateId: w.estateId, ownerAccountId: w.owner3.accountId, level: 'company', nextDueAt: past(), title: `批量${i}` }));
    }
    for (const id of ours.slice(0, 10)) await t.pool.query('INSERT INTO case_followers (case_id, account_id) VALUES ($1, $2)', [id, w.owner5.accountId]);
    const theirs: number[] = [];
    for (let i = 0; i < 15; i++) theirs.push(await insertCase(t, { estateId: w.foreign.estateId, level: 'company', nextDueAt: past(), title: `远山${i}` }));
    const before = Number((await t.pool.query('SELECT max(id) AS m FROM notifications')).rows[0].m ?? 0);
    expect((await sweep()).escalated).toBe(55);
    const rows = (await t.pool.query(
      `SELECT n.account_id, c.id AS case_id, count(*)::int AS n FROM notifications n
         JOIN cases c ON n.body LIKE '%' || c.no || '（%' WHERE n.id > $1 GROUP BY 1, 2`,
      [before],
    )).rows;
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const byCase = new Map<number, string[]>();
    for (const r of rows) byCase.set(Number(r.case_id), [...(byCase.get(Number(r.case_id)) ?? []), nameOf(Number(r.account_id))].sort());
    for (const [i, id] of ours.entries()) {
      expect(byCase.get(id)).toEqual(['chair', 'committee', 'owner3', ...(i < 10 ? ['owner5'] : []), 'secretary']);
    }
    for (const id of theirs) expect(byCase.get(id)).toEqual(['foreignCommittee']);
    expect(rows.length).toBe(40 * 4 + 10 + 15);
  });
});

describe('the owner and followers', () => {
  it('property staff resolves: the owner and a follower are told, with the auto-close time; the staff is not', async () => {
    const id = await insertCase(t, { estateId: w.estateId, ownerAccountId: w.owner3.accountId, state: 'in_progress', level: 'company', title: '路灯不亮' });
    await t.pool.query('INSERT INTO case_followers (case_id, account_id) VALUES ($1, $2)', [id, w.owner5.accountId]);
    const res = await api(t, w.staff).post(`/cases/${id}/resolve`, { text: '已更换灯泡' });
    expect(res.statusCode, res.body).toBe(200);
    const no = await noOf(id);
    const row = await caseRow(t, id);
    const all = await noticesOf(no);
    expect(all.map((n) => n.who).sort()).toEqual(['owner3', 'owner5']);
    expect(all[0].subject).toBe('您关注的案件已办结：路灯不亮');
    expect(all[0].body).toBe(`您关注的案件 ${no}（路灯不亮）已办结，请查看办理结果并确认评价；如未答复，将于 ${localDateTime(row.auto_close_at)} 自动结案。`);
  });

  it('department officer reports: the owner is told which department reported', async () => {
    const id = await insertCase(t, { estateId: w.estateId, ownerAccountId: w.owner3.accountId, level: 'department', handlerDepartmentId: w.departments.urban, title: '占道经营' });
    await insertCall(t, { caseId: id, departmentId: w.departments.urban, calledBy: w.street.accountId, reportDueAt: new Date(Date.now() + 86_400_000) });
    const res = await api(t, w.deptOfficers.urban).post(`/cases/${id}/report`, { text: '已到场劝离' });
    expect(res.statusCode, res.body).toBe(200);
    const no = await noOf(id);
    const all = await noticesOf(no);
    expect(all.map((n) => n.who)).toEqual(['owner3']);
    expect(all[0].body).toBe(`职能部门“明德街道城管执法中队”已就您关注的案件 ${no}（占道经营）报到反馈，请查看办理进展。`);
  });

  it('property staff merges a duplicate: its owner is told where it went; the survivor’s owner is not; nobody is named', async () => {
    const survivor = await insertCase(t, { estateId: w.estateId, ownerAccountId: w.owner3.accountId, category: 'cleaning', locationText: '东门垃圾', title: '东门垃圾堆积' });
    const dup = await insertCase(t, { estateId: w.estateId, ownerAccountId: w.owner5.accountId, category: 'cleaning', locationText: '东门垃圾', title: '东门有垃圾' });
    const res = await api(t, w.staff).post(`/cases/${dup}/merge`, { intoCaseId: survivor });
    expect(res.statusCode, res.body).toBe(200);
    const [dupNo, survivorNo] = [await noOf(dup), await noOf(survivor)];
    const all = await noticesOf(dupNo);
    expect(all.map((n) => n.who)).toEqual(['owner5']);
    expect(all[0].body).toBe(`您关注的案件 ${dupNo}（东门有垃圾）与案件 ${survivorNo} 反映的是同一问题，已合并到该案件办理，后续进展请在该案件中查看。`);
    expect(all[0].body).not.toMatch(/张三|李四/);
    expect(await noticesOf(survivorNo)).toEqual(all); // only the duplicate's notice names the survivor
  });
});
