import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, callIn, caseWorld, commonCase, fileCase, unitCase, type CaseWorld } from './case-fixture.ts';

// Who sees which case: owners their own, the ones they follow and the common-area cases of their
// estates; a department only what it was called in on; everybody else their scope's estates.
// Out of sight is 404 (never 403), and a list shows nothing of it.

let t: TestApp;
let w: CaseWorld;
let unitId: number; // owner3's case about their unit
let commonId: number; // owner3's case about 北门消防通道

beforeAll(async () => {
  t = await createTestApp();
  w = await caseWorld(t);
  unitId = await fileCase(t, w.owner3, unitCase(w));
  commonId = await fileCase(t, w.owner3, commonCase(w));
});

const ids = (res: { statusCode: number; body: string; json(): { items: { id: number }[] } }) => {
  if (res.statusCode !== 200) throw new Error(`list ${res.statusCode}: ${res.body}`);
  return res.json().items.map((x) => x.id);
};

describe('owners', () => {
  it("owner: cannot read another owner's unit case (404) but can read a common-area case of their estate", async () => {
    const hidden = await api(t, w.owner12).get(`/my/cases/${unitId}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().message).toContain('案件');
    const common = await api(t, w.owner12).get(`/my/cases/${commonId}`);
    expect(common.statusCode).toBe(200);
    // another owner's filing shows no name and no buttons of the owner's own
    expect(common.json()).toMatchObject({ ownerIsMe: false, filedByLabel: '业主', mine: false });
    expect(common.json().actions.confirm).toMatchObject({ allowed: false });
    expect(common.json().actions.escalate).toMatchObject({ allowed: false });
    const names = await t.pool.query(
      'SELECT a.display_name, o.name FROM accounts a JOIN owners o ON o.id = a.owner_id WHERE a.id = $1', [w.owner3.accountId],
    );
    expect(common.body).not.toContain(names.rows[0].display_name);
    expect(common.body).not.toContain(names.rows[0].name);
  });

  it('owner of another estate: 404 on both', async () => {
    expect((await api(t, w.ownerB).get(`/my/cases/${unitId}`)).statusCode).toBe(404);
    expect((await api(t, w.ownerB).get(`/my/cases/${commonId}`)).statusCode).toBe(404);
    expect(ids(await api(t, w.ownerB).get('/my/cases?scope=estate'))).not.toContain(commonId);
  });

  it('owner: "mine" lists their own cases; "estate" lists common-area cases of their estates, never a unit case', async () => {
    const mine = await api(t, w.owner3).get('/my/cases?scope=mine');
    expect(ids(mine)).toEqual(expect.arrayContaining([unitId, commonId]));
    expect(mine.json().items.every((x: { mine: boolean }) => x.mine)).toBe(true);
    const estate12 = await api(t, w.owner12).get('/my/cases?scope=estate');
    expect(ids(estate12)).toContain(commonId);
    expect(ids(estate12)).not.toContain(unitId);
    expect(estate12.json().items.find((x: { id: number }) => x.id === commonId).mine).toBe(false);
    expect(ids(await api(t, w.owner12).get('/my/cases?scope=mine'))).toEqual([]);
  });

  it('owner: a follower sees a unit case of someone else (followed after a merge)', async () => {
    const other = await fileCase(t, w.owner3, unitCase(w, { title: '阳台漏水' }));
    expect((await api(t, w.owner12).get(`/my/cases/${other}`)).statusCode).toBe(404);
    await t.pool.query('INSERT INTO case_followers (case_id, account_id) VALUES ($1, $2)', [other, w.owner12.accountId]);
    const res = await api(t, w.owner12).get(`/my/cases/${other}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ mine: true, ownerIsMe: false, followers: 2 });
    expect(ids(await api(t, w.owner12).get('/my/cases?scope=mine'))).toContain(other);
  });

  it('owner: the officials\' routes are not theirs (403)', async () => {
    expect((await api(t, w.owner3).get('/cases')).statusCode).toBe(403);
    expect((await api(t, w.owner3).get(`/cases/${unitId}`)).statusCode).toBe(403);
  });
});

describe('officials and departments', () => {
  it('property staff and the street office see the estate\'s cases; another street and company see none of them', async () => {
    for (const who of [w.staff, w.street, w.chair, w.community]) {
      expect(ids(await api(t, who).get('/cases?pageSize=200'))).toEqual(expect.arrayContaining([unitId, commonId]));
      expect((await api(t, who).get(`/cases/${unitId}`)).statusCode).toBe(200);
    }
    for (const who of [w.streetB, w.staffB]) {
      expect(ids(await api(t, who).get('/cases?pageSize=200'))).toEqual([]);
      expect((await api(t, who).get(`/cases/${unitId}`)).statusCode).toBe(404);
      expect((await api(t, who).get(`/cases?estateId=${w.a.estateId}`)).json().total).toBe(0);
    }
  });

  it('department officer: sees only cases its department was called in on', async () => {
    const id = await fileCase(t, w.owner3, commonCase(w, { title: '楼道堆物' }));
    expect((await api(t, w.urbanOfficer).get(`/cases/${id}`)).statusCode).toBe(404);
    expect(ids(await api(t, w.urbanOfficer).get('/cases'))).not.toContain(id);
    await callIn(t, w, id, w.dept.urban);
    const seen = await api(t, w.urbanOfficer).get(`/cases/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().departmentCalls[0]).toMatchObject({ departmentName: '明德街道城管执法中队', instruction: '请到场处置' });
    const list = await api(t, w.urbanOfficer).get('/cases');
    expect(ids(list)).toEqual([id]);
    expect(ids(await api(t, w.urbanOfficer).get('/cases?called=pending'))).toEqual([id]);
    expect(ids(await api(t, w.urbanOfficer).get('/cases?called=reported'))).toEqual([]);
    // the fire department was not called
    expect((await api(t, w.fireOfficer).get(`/cases/${id}`)).statusCode).toBe(404);
    expect(ids(await api(t, w.fireOfficer).get('/cases'))).toEqual([]);
    // nor does an estate filter open other cases to the department
    expect(ids(await api(t, w.urbanOfficer).get(`/cases?estateId=${w.a.estateId}`))).toEqual([id]);
  });

  it('a missing case is 404 for everyone', async () => {
    expect((await api(t, w.staff).get('/cases/999999')).statusCode).toBe(404);
    expect((await api(t, w.owner3).get('/my/cases/999999')).statusCode).toBe(404);
  });
});
