import type { CreateFundApplicationBody, Role, ScopeKind } from '@gongzhi/contracts';
import { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import {
  acceptApplication, approveApplication, committeeConfirm, createApplication, disburseStage, publishApplication, putToVote,
  REVIEW_DUE_JOB, reviewJobHandlers, settleApplication, startReview, streetConfirm, submitApplication, transitionApplication,
} from '../funds/index.ts';
import { SYSTEM_ACTOR } from '../meetings/index.ts';
import { DemoFiles } from './demo-files.ts';

// Use applications of the demo (issue 4), all in 翠竹苑, each taken to its state by the funds
// module's own use cases acting as the demo accounts (chair, manager, street, district):
//   A. 2022, published: an emergency facade repair on the building of owner1's first unit, paid in
//      two stages, accepted, settled below budget (the rest returned), published to its owners —
//      it leaves that building below the 30% line;
//   B. approved, stage 1 (70%) paid: the 3号楼 lift replacement decided by the demo meeting whose
//      result is published (its matter-5 item, linked), reviewed and approved by the district;
//   C. in vote: the company's road repair, put on the committee's draft meeting;
//   D. emergency, confirmed by the committee, awaiting the street office;
//   E. emergency under the district's review (within its deadline);
//   F. emergency under review and overdue (confirmed two weeks ago; flagged by the deadline job).

const DAY = 86_400_000;
const EXCLUSIONS = { warranty: true, utility: true, personDamage: true, companyUpkeep: true };
const CONTRACTOR = { contractorName: '示范市建安工程有限公司', contractorAccount: '工商银行示范市东湖支行 6222 0200 1234 5678' };

export interface DemoFundApplications { applications: number }

async function ctxFor(db: Db, username: string, estateId: number): Promise<RequestContext> {
  const r = await db.query(
    `SELECT a.id, g.id AS grant_id, g.role, g.scope_kind, g.scope_id FROM accounts a JOIN role_grants g ON g.account_id = a.id
      WHERE a.username = $1 ORDER BY g.id LIMIT 1`,
    [username],
  );
  const x = r.rows[0];
  return new RequestContext('127.0.0.1', 'zh', Number(x.id), null,
    { id: Number(x.grant_id), role: x.role as Role, scopeKind: x.scope_kind as ScopeKind, scopeId: x.scope_id == null ? null : Number(x.scope_id) },
    { estateIds: [estateId], unitIds: null, regionPath: null, companyId: x.scope_kind === 'company' ? Number(x.scope_id) : null, departmentId: null },
    true);
}

const yuanDown = (fen: number) => Math.floor(fen / 100) * 100;

export async function generateFundApplications(db: Db, o: {
  estateId: number; now: Date; dataDir: string | null; afterPastUse: () => Promise<void>;
}): Promise<DemoFundApplications> {
  const { estateId, now } = o;
  const files = new DemoFiles(o.dataDir);
  // one after the other: one connection
  const chair = await ctxFor(db, 'chair', estateId);
  const manager = await ctxFor(db, 'manager', estateId);
  const street = await ctxFor(db, 'street', estateId);
  const district = await ctxFor(db, 'district', estateId);
  const b = await db.query(
    `SELECT b.id, b.name, (SELECT sum(credits_fen - debits_fen) FROM fund_accounts a WHERE a.building_id = b.id AND a.kind = 'unit')::bigint AS bal
       FROM buildings b WHERE b.estate_id = $1 ORDER BY length(b.name), b.name`,
    [estateId],
  );
  const buildings = b.rows.map((x) => ({ id: Number(x.id), name: x.name as string, balance: Number(x.bal) }));
  const byName = (n: string) => buildings.find((x) => x.name === n);
  const owner1 = await db.query(
    `SELECT u.building_id FROM bindings bd JOIN accounts a ON a.id = bd.account_id JOIN units u ON u.id = bd.unit_id
      WHERE a.username = 'owner1' AND bd.status = 'approved' ORDER BY u.id LIMIT 1`,
  );
  const lift = byName('3号楼') ?? buildings[2]!;
  const facade = buildings.find((x) => x.id === Number(owner1.rows[0]?.building_id) && x.id !== lift.id) ?? buildings[0]!;
  const others = buildings.filter((x) => x.id !== lift.id && x.id !== facade.id);
  const at = (d: string) => new Date(`${d}T10:00:00+08:00`);
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const create = async (ctx: RequestContext, input: Omit<CreateFundApplicationBody, 'exclusions' | 'reason' | 'contractorName' | 'contractorAccount'> & { reason: string }) =>
    (await createApplication({ db, ctx, estateId, input: { ...CONTRACTOR, exclusions: EXCLUSIONS, ...input } })).id;
  const evidence = (id: number, kind: string, filename: string, by: RequestContext) =>
    files.add(db, { estateId, recordType: `fund_application.${kind}`, recordId: String(id), filename, uploadedBy: by.accountId! });
  const backdate = (id: number, created: Date) =>
    db.query(`UPDATE fund_applications SET created_at = $2::timestamptz, submitted_at = $2::timestamptz + interval '1 hour' WHERE id = $1`, [id, created]);

  // A. 2022: the emergency facade repair, from application to publication
  const budgetA = yuanDown(Math.floor(facade.balance * 0.85));
  const a = await create(chair, {
    applicantKind: 'committee', title: `${facade.name}外墙饰面砖脱落应急维修`, path: 'emergency', emergencyCategory: 'facade_falling',
    reason: `${facade.name}北侧外墙饰面砖大面积空鼓，已有脱落，经鉴定机构检测存在脱落危险，危及行人安全。`,
    category: 'exterior_wall', scopeKind: 'buildings', buildingIds: [facade.id], unitIds: [], budgetFen: budgetA, stagePlan: [7000, 3000],
  });
  await evidence(a, 'photo', '外墙脱落现场照片.pdf', chair);
  await evidence(a, 'inspection', '外墙安全鉴定报告.pdf', chair);
  await submitApplication({ db, ctx: chair, applicationId: a });
  await backdate(a, at('2022-03-08'));
  await committeeConfirm(db, { ctx: chair, applicationId: a, note: '业委会现场查看确认', now: at('2022-03-09') });
  await streetConfirm(db, { ctx: street, applicationId: a, note: '街道会同社区现场确认', now: at('2022-03-10') });
  await approveApplication(db, { ctx: district, applicationId: a, note: '同意应急使用', now: at('2022-03-15') });
  await disburseStage(db, { ctx: district, applicationId: a, stageNo: 1, now: at('2022-03-18') });
  await acceptApplication(db, { ctx: chair, applicationId: a, ownerRepresentatives: ['王建国', '李秀英'], note: '竣工验收合格', now: at('2022-06-28') });
  await settleApplication(db, { ctx: district, applicationId: a, actualCostFen: yuanDown(Math.floor(budgetA * 0.97)), now: at('2022-07-06') });
  await publishApplication(db, { ctx: chair, applicationId: a, now: at('2022-07-08') });
  await o.afterPastUse();

  // B. the 3号楼 lift, decided by the published demo meeting's matter-5 item
  const liftBal = Number((await db.query(`SELECT sum(credits_fen - debits_fen)::bigint AS s FROM fund_accounts WHERE building_id = $1 AND kind = 'unit'`, [lift.id])).rows[0].s);
  const bId = await create(chair, {
    applicantKind: 'committee', title: `使用专项维修资金更换${lift.name}两部电梯`, path: 'ordinary', category: 'elevator',
    reason: `${lift.name}两部电梯已运行超过十五年，故障频发，特种设备检验机构建议更新。`,
    scopeKind: 'buildings', buildingIds: [lift.id], unitIds: [], budgetFen: Math.min(68_400_000, yuanDown(Math.floor(liftBal * 0.9))),
  });
  await evidence(bId, 'quote', '电梯更新报价单.pdf', chair);
  await submitApplication({ db, ctx: chair, applicationId: bId });
  const item = await db.query(
    `SELECT i.id, i.meeting_id FROM meeting_items i JOIN meetings m ON m.id = i.meeting_id
      WHERE m.estate_id = $1 AND i.matter = 5 AND m.state IN ('result_published', 'objection_period', 'final') ORDER BY i.id LIMIT 1`,
    [estateId],
  );
  const link = item.rows[0] ? { meeting_id: Number(item.rows[0].meeting_id), meeting_item_id: Number(item.rows[0].id) } : {};
  await transitionApplication(db, { applicationId: bId, action: 'put_to_vote', actor: 'committee', ctxActor: chair.actor(), now: ago(40), before: async () => ({ set: link }) });
  await transitionApplication(db, {
    applicationId: bId, action: 'vote_passed', actor: 'system', ctxActor: SYSTEM_ACTOR, now: ago(6),
    before: async (row, t) => startReview(db, row, t),
  });
  await approveApplication(db, { ctx: district, applicationId: bId, note: '资料齐全，同意使用', now: ago(3) });
  await disburseStage(db, { ctx: district, applicationId: bId, stageNo: 1, now: ago(1) });

  // C. the company's road repair, on the committee's draft meeting (or a new draft)
  const cId = await create(manager, {
    applicantKind: 'company', title: '小区主干道沥青路面修缮', path: 'ordinary', category: 'wall_road',
    reason: '小区主干道多处坑洼、沉降，雨天积水，影响通行安全。', scopeKind: 'buildings', buildingIds: buildings.map((x) => x.id), unitIds: [],
    budgetFen: 36_000_000,
  });
  await evidence(cId, 'quote', '路面修缮报价单.pdf', manager);
  await submitApplication({ db, ctx: manager, applicationId: cId });
  const draft = await db.query(`SELECT id FROM meetings WHERE estate_id = $1 AND state = 'draft' ORDER BY id LIMIT 1`, [estateId]);
  await putToVote({
    db, ctx: chair, applicationId: cId,
    input: draft.rows[0] ? { meetingId: Number(draft.rows[0].id) } : {
      newMeeting: {
        title: '关于使用维修资金修缮小区道路的业主大会', rules: 'civil-code-2021',
        votingOpensAt: new Date(now.getTime() + 20 * DAY).toISOString(), votingClosesAt: new Date(now.getTime() + 27 * DAY).toISOString(),
      },
    },
  });

  // D–F. emergencies at three points: awaiting the street office, under review, overdue
  const emergency = async (ctx: RequestContext, building: { id: number; name: string }, e: { title: string; code: string; category: string; reason: string; budgetFen: number }) => {
    const id = await create(ctx, {
      applicantKind: ctx.role === 'property_manager' ? 'company' : 'committee', title: e.title, path: 'emergency', emergencyCategory: e.code,
      reason: e.reason, category: e.category, scopeKind: 'buildings', buildingIds: [building.id], unitIds: [], budgetFen: e.budgetFen,
    });
    await evidence(id, 'photo', `${e.title}-现场照片.pdf`, ctx);
    await submitApplication({ db, ctx, applicationId: id });
    return id;
  };
  const [q, r, s] = [others[0] ?? facade, others[1] ?? lift, others[2] ?? lift];
  const d = await emergency(chair, q, {
    title: `${q.name}二次供水水泵损坏应急更换`, code: 'water_pump', category: 'water_pump', budgetFen: 4_860_000,
    reason: `${q.name}二次供水泵房一用一备水泵均已损坏，高区住户停水。`,
  });
  await committeeConfirm(db, { ctx: chair, applicationId: d, note: '情况属实，请街道确认', now: ago(1) });
  const e = await emergency(chair, r, {
    title: `${r.name}消防喷淋管网爆裂应急维修`, code: 'fire_system', category: 'fire_system', budgetFen: 7_250_000,
    reason: `${r.name}地下室消防喷淋主管爆裂，消防救援机构已下达整改通知。`,
  });
  await evidence(e, 'inspection', '消防整改通知书.pdf', chair);
  await committeeConfirm(db, { ctx: chair, applicationId: e, note: '情况属实', now: ago(2) });
  await streetConfirm(db, { ctx: street, applicationId: e, note: '街道现场确认', now: ago(1) });
  const f = await emergency(manager, s, {
    title: `${s.name}屋面防水层破损渗漏应急维修`, code: 'roof_leak', category: 'roof', budgetFen: 12_800_000,
    reason: `${s.name}顶层多户室内严重渗漏，屋面防水层老化开裂。`,
  });
  await committeeConfirm(db, { ctx: chair, applicationId: f, note: '顶层住户反映属实', now: ago(16) });
  await streetConfirm(db, { ctx: street, applicationId: f, note: '街道现场确认', now: ago(14) });
  // its deadline has passed: the deadline job (what the server's runner would do next) flags it
  await reviewJobHandlers[REVIEW_DUE_JOB]!(db, { applicationId: f }, { id: 0, kind: REVIEW_DUE_JOB, payload: { applicationId: f }, runAt: now, attempts: 0, maxAttempts: 5, dedupeKey: null });
  return { applications: 6 };
}
