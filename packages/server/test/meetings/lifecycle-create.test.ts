import { beforeAll, describe, expect, it } from 'vitest';
import { createOwner, createOwnership, createRegionTree, createEstate, createBuilding, createUnit } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildEstate, meetingBody, official, type Signed } from './support.ts';

// Creating and editing a meeting (draft), by role, with every refusal naming its field.

let t: TestApp;
let e: Awaited<ReturnType<typeof buildEstate>>;
const call = (method: string, url: string, who: Signed | { cookie: string }, body?: unknown) =>
  t.request({ method, url: `/api/v1${url}`, cookie: who.cookie, body });
const issuesOf = (res: { json(): { details?: { issues?: { field: string }[] } } }) => (res.json().details?.issues ?? []).map((i) => i.field);
const meetingCount = async () => Number((await t.pool.query('SELECT count(*) FROM meetings')).rows[0].count);

beforeAll(async () => {
  t = await createTestApp();
  e = await buildEstate(t);
}, 60_000);

describe('meetings: creating a draft', () => {
  it('committee chair: creates a draft with a matter item and an election with candidates; it is audited', async () => {
    const res = await call('POST', '/meetings', e.convener, meetingBody(e.estateId));
    expect(res.statusCode).toBe(200);
    const id = res.json().id;
    const got = await call('GET', `/meetings/${id}`, e.convener);
    expect(got.statusCode).toBe(200);
    const m = got.json();
    expect(m).toMatchObject({ state: 'draft', stateLabel: '草稿', convenerKind: 'committee', rosterFrozen: false, householdCount: 9 });
    expect(m.items.map((i: { kind: string; matter: number; seats: number | null }) => [i.kind, i.matter, i.seats])).toEqual([['matter', 1, null], ['election', 3, 2]]);
    expect(m.items[1].candidates.map((c: { name: string }) => c.name)).toEqual(['王一', '李二', '赵三']);
    expect(m.availableActions.sort()).toEqual(['cancel', 'submit']);
    const audit = await t.pool.query(`SELECT action FROM audit_events WHERE target_type = 'meeting' AND target_id = $1`, [String(id)]);
    expect(audit.rows.map((r) => r.action)).toEqual(['meeting.create']);
  });

  it('committee chair: every problem of the items comes back at once, naming body.items.N.field; nothing is written', async () => {
    const before = await meetingCount();
    const res = await call('POST', '/meetings', e.convener, meetingBody(e.estateId, {
      items: [
        { kind: 'matter', title: '没有类别的事项' },
        { kind: 'election', title: '没有名额的选举', candidates: [{ name: '王一' }] },
        { kind: 'election', title: '零名额', seats: 0, matter: 5 },
        { kind: 'matter', matter: 2, title: '事项带名额', seats: 2, candidates: [{ name: '甲' }] },
      ],
    }));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(issuesOf(res).sort()).toEqual([
      'body.items.0.matter', 'body.items.1.seats', 'body.items.2.matter', 'body.items.2.seats', 'body.items.3.candidates', 'body.items.3.seats',
    ].sort());
    expect(res.json().message).toMatch(/body\.items\.\d\./);
    expect(await meetingCount()).toBe(before);
  });

  it('committee chair: a matter outside 1–9 is refused naming body.items.0.matter', async () => {
    const res = await call('POST', '/meetings', e.convener, meetingBody(e.estateId, { items: [{ kind: 'matter', matter: 10, title: '第十类' }] }));
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res)).toContain('body.items.0.matter');
  });

  it('committee chair: duplicate candidates, and a candidate who owns nothing in the estate, are refused by field', async () => {
    const stranger = await createOwner(t.pool, { name: '外小区业主' });
    const res = await call('POST', '/meetings', e.convener, meetingBody(e.estateId, {
      items: [{ kind: 'election', title: '选举', seats: 1, candidates: [{ name: '王一', ownerId: stranger }, { name: '王一' }] }],
    }));
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res).sort()).toEqual(['body.items.0.candidates.0.ownerId', 'body.items.0.candidates.1.name']);
  });

  it('committee chair: a voting window that closes before it opens, or opens in the past, is refused', async () => {
    const now = Date.now();
    const closesFirst = await call('POST', '/meetings', e.convener, meetingBody(e.estateId, {
      votingOpensAt: new Date(now + 20 * 86_400_000).toISOString(), votingClosesAt: new Date(now + 19 * 86_400_000).toISOString(),
    }));
    expect(closesFirst.statusCode).toBe(400);
    expect(issuesOf(closesFirst)).toEqual(['body.votingClosesAt']);
    expect(closesFirst.json().details.issues[0].message).toBe('投票截止时间必须晚于开始时间');
    const past = await call('POST', '/meetings', e.convener, meetingBody(e.estateId, { votingOpensAt: new Date(now - 60_000).toISOString() }));
    expect(past.statusCode).toBe(400);
    expect(issuesOf(past)).toEqual(['body.votingOpensAt']);
    const notATime = await call('POST', '/meetings', e.convener, meetingBody(e.estateId, { votingOpensAt: '下周一' }));
    expect(notATime.statusCode).toBe(400);
    expect(issuesOf(notATime)).toEqual(['body.votingOpensAt']);
  });

  it('committee chair: an unknown rule profile or option is refused by zod, naming the field', async () => {
    const rules = await call('POST', '/meetings', e.convener, meetingBody(e.estateId, { rules: 'beijing-2020' }));
    expect(rules.statusCode).toBe(400);
    expect(issuesOf(rules)).toContain('body.rules');
    const opt = await call('POST', '/meetings', e.convener, meetingBody(e.estateId, { options: { secretBallot: true } }));
    expect(opt.statusCode).toBe(400);
    expect(issuesOf(opt)[0]).toMatch(/^body\.options/);
  });

  it('committee chair: cannot convene in the name of the street office', async () => {
    const res = await call('POST', '/meetings', e.convener, meetingBody(e.estateId, { convenerKind: 'street_office' }));
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res)).toEqual(['body.convenerKind']);
  });

  it('street officer: convenes as the street office; community officer: as an acting body', async () => {
    const street = await call('POST', '/meetings', e.street, meetingBody(e.estateId, { convenerKind: 'street_office', convenerName: '测试街道办事处' }));
    expect(street.statusCode).toBe(200);
    const community = await official(t, 'community_officer', e.communityId);
    const acting = await call('POST', '/meetings', community, meetingBody(e.estateId, { convenerKind: 'acting_body', convenerName: '物业管理委员会' }));
    expect(acting.statusCode).toBe(200);
    const asCommittee = await call('POST', '/meetings', community, meetingBody(e.estateId));
    expect(asCommittee.statusCode).toBe(400);
  });

  it("committee chair of another estate: this estate's meeting cannot be created (404) or seen (404)", async () => {
    const region = await createRegionTree(t.pool);
    const other = await createEstate(t.pool, { communityId: region.communityId });
    const chair = await official(t, 'committee_chair', other);
    const res = await call('POST', '/meetings', chair, meetingBody(e.estateId));
    expect(res.statusCode).toBe(404);
    const mine = await call('POST', '/meetings', e.convener, meetingBody(e.estateId));
    expect((await call('GET', `/meetings/${mine.json().id}`, chair)).statusCode).toBe(404);
    expect((await call('PUT', `/meetings/${mine.json().id}`, chair, meetingBody(e.estateId))).statusCode).toBe(404);
    const list = await call('GET', `/meetings?estateId=${e.estateId}`, chair);
    expect(list.json()).toMatchObject({ items: [], total: 0 });
  });

  it('owner: cannot create a meeting (403)', async () => {
    const res = await call('POST', '/meetings', e.owners[0]!, meetingBody(e.estateId));
    expect(res.statusCode).toBe(403);
  });

  it('committee chair: a charging scope only for maintenance-fund matters, naming buildings and units of the estate', async () => {
    const bad = await call('POST', '/meetings', e.convener, meetingBody(e.estateId, {
      items: [
        { kind: 'matter', matter: 4, title: '选聘物业', scope: { buildings: ['1栋'] } },
        { kind: 'matter', matter: 5, title: '维修电梯', scope: { buildings: ['9栋'], units: ['1栋-101', '1栋-999'] } },
      ],
    }));
    expect(bad.statusCode).toBe(400);
    expect(issuesOf(bad).sort()).toEqual(['body.items.0.scope', 'body.items.1.scope.buildings.0', 'body.items.1.scope.units.1']);
    const ok = await call('POST', '/meetings', e.convener, meetingBody(e.estateId, {
      items: [{ kind: 'matter', matter: 6, title: '续筹2栋维修资金', scope: { buildings: ['2栋'] } }],
    }));
    expect(ok.statusCode).toBe(200);
    const m = (await call('GET', `/meetings/${ok.json().id}`, e.convener)).json();
    expect(m.items[0]).toMatchObject({ matter: 6, scope: { buildings: ['2栋'] }, matterName: '筹集建筑物及其附属设施的维修资金' });
    // matter 6 needs three quarters of those taking part; matter 1 more than half
    expect(m.items[0].thresholds).toContain('四分之三以上');
    const plain = (await call('POST', '/meetings', e.convener, meetingBody(e.estateId))).json();
    const p = (await call('GET', `/meetings/${plain.id}`, e.convener)).json();
    expect(p.items[0].thresholds).toContain('过半数');
    expect(p.items[0].thresholds).toContain('三分之二以上');
    expect(p.items[1].matterName).toBe('选举业主委员会或者更换业主委员会成员');
  });

  it('committee chair: a candidate may be named as an owner of the estate', async () => {
    const b = await createBuilding(t.pool, { estateId: e.estateId, name: '3栋' });
    const u = await createUnit(t.pool, { estateId: e.estateId, buildingId: b, number: '301' });
    const o = await createOwner(t.pool, { name: '候选业主' });
    await createOwnership(t.pool, { unitId: u, ownerId: o });
    const res = await call('POST', '/meetings', e.convener, meetingBody(e.estateId, {
      items: [{ kind: 'election', title: '补选', seats: 1, candidates: [{ name: '候选业主', ownerId: o, statement: '愿意服务' }] }],
    }));
    expect(res.statusCode).toBe(200);
    const m = (await call('GET', `/meetings/${res.json().id}`, e.convener)).json();
    expect(m.items[0].candidates[0]).toMatchObject({ name: '候选业主', ownerId: o, statement: '愿意服务' });
  });
});

describe('meetings: editing a draft', () => {
  it('committee chair: replaces the items of a draft; after submitting, edits are refused and nothing changes', async () => {
    const { id } = (await call('POST', '/meetings', e.convener, meetingBody(e.estateId))).json();
    const edited = meetingBody(e.estateId, { title: '修改后的会议', items: [{ kind: 'matter', matter: 7, title: '改建共有部分' }] });
    const { estateId: _drop, ...body } = edited;
    const put = await call('PUT', `/meetings/${id}`, e.convener, body);
    expect(put.statusCode).toBe(200);
    const m = (await call('GET', `/meetings/${id}`, e.convener)).json();
    expect(m.title).toBe('修改后的会议');
    expect(m.items.map((i: { matter: number }) => i.matter)).toEqual([7]);

    expect((await call('POST', `/meetings/${id}/submit`, e.convener)).statusCode).toBe(200);
    const again = await call('PUT', `/meetings/${id}`, e.convener, { ...body, items: [{ kind: 'matter', matter: 9, title: '新增事项' }] });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INVALID_TRANSITION');
    const after = (await call('GET', `/meetings/${id}`, e.convener)).json();
    expect(after.items.map((i: { matter: number }) => i.matter)).toEqual([7]);
  });

  it("street officer: cannot edit a committee's draft (403); bad input to PUT changes nothing", async () => {
    const { id } = (await call('POST', '/meetings', e.convener, meetingBody(e.estateId))).json();
    const { estateId: _drop, ...body } = meetingBody(e.estateId);
    expect((await call('PUT', `/meetings/${id}`, e.street, body)).statusCode).toBe(403);
    const bad = await call('PUT', `/meetings/${id}`, e.convener, { ...body, title: '坏输入', items: [{ kind: 'election', title: '缺名额' }] });
    expect(bad.statusCode).toBe(400);
    expect(issuesOf(bad)).toEqual(['body.items.0.seats']);
    const m = (await call('GET', `/meetings/${id}`, e.convener)).json();
    expect(m.title).not.toBe('坏输入');
    expect(m.items).toHaveLength(2);
  });
});

describe('meetings: lists', () => {
  it('street officer: lists the meetings of the estate filtered by state and paged', async () => {
    const { id } = (await call('POST', '/meetings', e.convener, meetingBody(e.estateId, { title: '待提交的会议' }))).json();
    await call('POST', `/meetings/${id}/submit`, e.convener);
    const submitted = await call('GET', `/meetings?estateId=${e.estateId}&state=submitted`, e.street);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().items.map((m: { id: number }) => m.id)).toContain(id);
    expect(submitted.json().items.every((m: { state: string }) => m.state === 'submitted')).toBe(true);
    const paged = await call('GET', `/meetings?estateId=${e.estateId}&pageSize=2&page=1`, e.street);
    expect(paged.json().items).toHaveLength(2);
    expect(paged.json().total).toBeGreaterThan(2);
    const bad = await call('GET', '/meetings?state=voting', e.street);
    expect(bad.statusCode).toBe(400);
  });
});
