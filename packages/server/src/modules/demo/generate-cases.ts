import { caseDeadline, type CaseCategory, type CaseLocationKind, type CaseParty, type CasePriority } from '@gongzhi/domain';
import { appendAuditMany } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { partyOfRole } from '../cases/case-actor.ts';
import { DEPARTMENT_REPORT_DAYS } from '../cases/case-file.ts';
import { ensureCasesSweep } from '../cases/index.ts';
import { CaseStory, type Actor, type StoryFiling } from './case-story.ts';
import { writeCaseStories } from './write-case-stories.ts';

// Cases (issue 6) in 翠竹苑, in every state and on every rung, at moments relative to now:
//   open at the company (a photo), assigned and in progress, resolved and awaiting owner1, closed
//   and rated, closed by itself, reopened, escalated by the sweeper and by the owner up to the
//   street, one past its deadline at the street, one called in (吹哨) to two departments that both
//   reported (报到), one routed straight to 城管 and waiting for its report, a merged duplicate, a
//   verified complaint against the company (its outbox event), one filed by staff for owner1.
// Running deadlines all lie ahead (at least a few hours), so the sweeper has nothing to do when
// the demo opens and the browser journeys find these cases as they were written.

export interface DemoCasesSummary { cases: number; events: number }

const HOUR = 3_600_000;
const CUIZHU = 'DEMO01';

export async function generateCases(db: Db, opts: { now?: Date; dataDir?: string } = {}): Promise<DemoCasesSummary> {
  const now = opts.now ?? new Date();
  const ago = (h: number) => new Date(now.getTime() - h * HOUR);
  const estateId = Number((await db.query(`SELECT id FROM estates WHERE code = $1`, [CUIZHU])).rows[0].id);
  const acc = await db.query(
    `SELECT a.username, a.id, a.display_name, g.role FROM accounts a JOIN role_grants g ON g.account_id = a.id AND g.revoked_at IS NULL
      WHERE a.username = ANY($1) ORDER BY g.id`,
    [['owner1', 'owner2', 'staff', 'manager', 'chair', 'community', 'street', 'dept']],
  );
  const who = (username: string): Actor & { name: string } => {
    const r = acc.rows.find((x) => x.username === username)!;
    return { accountId: Number(r.id), role: r.role, party: partyOfRole(r.role), name: r.display_name };
  };
  const [owner1, owner2, staff, manager, chair, community, street, dept] =
    ['owner1', 'owner2', 'staff', 'manager', 'chair', 'community', 'street', 'dept'].map(who) as (Actor & { name: string })[];
  const company = await db.query(
    `SELECT company_id FROM service_contracts WHERE estate_id = $1 AND starts_on <= $2::date AND ends_on >= $2::date ORDER BY starts_on DESC LIMIT 1`,
    [estateId, now.toISOString().slice(0, 10)],
  );
  const companyId = company.rows[0] ? Number(company.rows[0].company_id) : null;
  const deps = await db.query(`SELECT id, name FROM departments`);
  const dep = (name: string) => {
    const d = deps.rows.find((x) => x.name === name)!;
    return { id: Number(d.id), name: String(d.name) };
  };
  const [cg, fire] = [dep('明德街道城管执法中队'), dep('东湖区消防救援大队')];
  const buildings = (await db.query(
    `SELECT id, name FROM buildings WHERE estate_id = $1 AND name LIKE '%号楼' ORDER BY length(name), name`, [estateId],
  )).rows.map((b) => ({ id: Number(b.id), name: String(b.name) }));
  const b = (i: number) => buildings[i % buildings.length]!;
  const home = async (ownerAccountId: number) => {
    const r = await db.query(
      `SELECT u.id, u.building_id, bd.name AS building FROM bindings x JOIN units u ON u.id = x.unit_id JOIN buildings bd ON bd.id = u.building_id
        WHERE x.account_id = $1 AND x.status = 'approved' AND u.kind = 'residential' ORDER BY u.id LIMIT 1`,
      [ownerAccountId],
    );
    return { unitId: Number(r.rows[0].id), buildingId: Number(r.rows[0].building_id), building: String(r.rows[0].building) };
  };
  const home1 = await home(owner1.accountId);

  const stories: CaseStory[] = [];
  const file = (key: string, o: {
    by: Actor; owner?: Actor | null; category: CaseCategory; priority?: CasePriority; where: CaseLocationKind; buildingId?: number; unitId?: number;
    text?: string; title: string; description: string; party?: CaseParty; department?: { id: number; name: string }; at: Date;
  }) => {
    const f: StoryFiling = {
      estateId, category: o.category, priority: o.priority ?? 'normal', locationKind: o.where, buildingId: o.buildingId ?? null, unitId: o.unitId ?? null,
      locationText: o.text ?? null, title: o.title, description: o.description,
      ownerAccountId: o.owner === undefined ? (o.by.role === 'owner' ? o.by.accountId : null) : (o.owner?.accountId ?? null),
      filer: o.by, filedByRole: o.by.role, party: o.party ?? 'company', departmentId: o.department?.id ?? null, companyId, at: o.at,
    };
    const s = new CaseStory(key, f, o.department);
    stories.push(s);
    return s;
  };

  // open at the company, with the owner's photo; the company must answer within the working day
  file('lift-buttons', {
    by: owner1, category: 'common_repair', where: 'building', buildingId: b(2).id, at: ago(1),
    title: `${b(2).name}电梯按键失灵`, description: `${b(2).name}东侧电梯 8 楼、12 楼按键按下无反应，老人上下楼很不方便，请尽快维修。`,
  }).photo('case', '电梯按键.png', owner1, [200, 200, 205]);
  // filed by staff for owner1, who phoned the service centre
  file('door-card', {
    by: staff, owner: owner1, category: 'common_repair', where: 'building', buildingId: home1.buildingId, at: ago(3),
    title: '单元门禁读卡器失灵', description: '业主来电：本单元门禁读卡器对业主的门禁卡无反应，已持续两天，需要物业登记后上门检修。',
  });
  // assigned by the manager, answered by the staff member, now in progress
  file('garage-lights', {
    by: owner2, category: 'common_repair', where: 'common_area', text: '地下车库B区', at: ago(26),
    title: '地下车库B区照明灯不亮', description: '地下车库B区靠近电梯厅一排照明灯全部不亮，晚上停车很暗，存在安全隐患。',
  }).assign(manager, ago(25), staff, '物业工作人员').respond(staff, ago(24), '已安排电工查看，初步判断为线路故障，需更换配电箱空开，预计两天内修复。');
  // resolved with evidence, waiting for owner1 (urgent: a leaking roof over their own flat)
  file('roof-leak', {
    by: owner1, category: 'common_repair', priority: 'urgent', where: 'unit', unitId: home1.unitId, at: ago(72),
    title: '顶楼屋面防水层破损，雨天室内漏水', description: `${home1.building}顶层屋面防水层开裂，下雨时卧室天花板渗水，墙面已发霉。`,
  }).photo('case', '卧室天花板渗水.png', owner1, [225, 215, 190])
    .respond(staff, ago(71), '维修人员已到现场查看，屋面防水卷材老化开裂约 12 平方米。')
    .resolve(staff, ago(52), '已更换破损防水卷材约 12 平方米，淋水试验 2 小时无渗漏，请业主确认。')
    .photo('case_evidence', '屋面修复后.png', staff, [120, 120, 125]);
  // closed: confirmed and rated
  file('bins', {
    by: owner2, category: 'cleaning', where: 'common_area', text: `${b(4).name}旁垃圾分类亭`, at: ago(9 * 24),
    title: '垃圾分类亭异味严重', description: '垃圾分类亭清运不及时，夏天异味很大，周边有蚊蝇。',
  }).respond(staff, ago(9 * 24 - 2), '已安排保洁加密清运，每日两次。')
    .resolve(staff, ago(7 * 24), '已改为每日早晚两次清运，并对分类亭消杀，加装排风扇。')
    .confirm(owner2, ago(6 * 24), 4, '处理及时，希望保持。');
  file('closer', {
    by: owner1, category: 'common_repair', where: 'building', buildingId: home1.buildingId, at: ago(15 * 24),
    title: '单元门闭门器损坏', description: '单元门闭门器漏油损坏，门无法自动关闭。',
  }).respond(staff, ago(15 * 24 - 1), '收到，今天下午上门。')
    .resolve(staff, ago(14 * 24), '已更换闭门器。')
    .confirm(owner1, ago(13 * 24), 5, null);
  // closed by itself: owner1 never answered within the auto-close days
  file('weeds', {
    by: owner1, category: 'cleaning', where: 'estate', at: ago(20 * 24),
    title: '小区绿化带杂草丛生', description: '中心花园和各楼栋之间的绿化带很久没有修剪，杂草比人还高。',
  }).respond(staff, ago(20 * 24 - 3), '已列入本周绿化养护计划。')
    .resolve(staff, ago(16 * 24), '全小区绿化带已修剪除草，清运杂草 3 车。')
    .autoClose();
  // reopened: the owner said the night works went on
  file('night-works', {
    by: owner1, category: 'noise', where: 'building', buildingId: home1.buildingId, at: ago(6 * 24),
    title: '楼上装修夜间施工噪音', description: '楼上住户装修，晚上 10 点以后还在电钻、敲墙，严重影响休息。',
  }).respond(staff, ago(6 * 24 - 2), '已联系装修户，要求遵守装修管理规定，施工时间为 8:00–12:00、14:00–18:00。')
    .resolve(staff, ago(3 * 24), '已与装修户签订承诺书，夜间不再施工。')
    .reopen(owner1, ago(2 * 24), '昨晚 22 点后仍在施工，问题没有解决。')
    .note(staff, ago(30), '已安排夜班保安 22 点后巡查该楼层，发现施工立即制止并拍照留存。');
  // escalated: twice by the sweeper, then by owner2's own hand to the street, which must answer now
  file('north-gate', {
    by: owner2, category: 'security', where: 'common_area', text: '北门门禁', at: ago(12 * 24),
    title: '北门门禁长期损坏，外来人员随意进出', description: '北门人行门禁坏了一个多月，门一直敞开，外来人员和推销人员随意进出。',
  }).respond(staff, ago(12 * 24 - 4), '已报厂家维修。')
    .escalate('auto', ago(9 * 24))
    .respond(chair, ago(8 * 24), '业委会已督促物业，要求一周内修复并增派门岗。')
    .escalate('auto', ago(4 * 24))
    .respond(community, ago(3 * 24), '社区已约谈物业项目负责人。')
    .escalate(owner2, ago(0.5), '社区协调两次，物业仍未维修，请街道督办。');
  // at the street and past its deadline (no automatic rung above): marked overdue once
  file('south-wall', {
    by: staff, owner: null, category: 'common_repair', priority: 'urgent', where: 'common_area', text: '南侧围墙', at: ago(8 * 24),
    title: '小区南侧围墙开裂，存在倒塌隐患', description: '南侧围墙约 20 米出现贯穿裂缝并向外倾斜，墙外是人行道。维修需动用专项维修资金，物业无法单独处理。',
  }).respond(staff, ago(8 * 24 - 1), '已设置警戒线，提请业委会启动维修资金应急使用。')
    .escalate('auto', ago(7 * 24))
    .escalate('auto', ago(6 * 24))
    .respond(community, ago(6 * 24 - 3), '社区已联系房屋安全鉴定机构。')
    .escalate('auto', ago(5 * 24))
    .respond(street, ago(5 * 24 - 3), '街道已收到，正在协调区住建局应急维修。')
    .markOverdue(ago(3 * 24));
  // 吹哨报到: up the ladder to the street, which called in 城管 (reported) and the fire brigade
  // (past its report deadline, flagged); the street's own deadline has passed too
  file('fire-lane', {
    by: owner1, category: 'fire_safety', priority: 'urgent', where: 'common_area', text: '北门消防通道', at: ago(10 * 24),
    title: '北门消防通道被车辆和铁皮棚长期占用', description: '北门消防通道常年停满车辆，还有人搭了铁皮棚堆放杂物，一旦发生火灾消防车进不来。',
  }).photo('case', '消防通道占用.png', owner1, [170, 60, 50])
    .respond(staff, ago(10 * 24 - 1), '已张贴告知书，通知车主挪车。')
    .escalate('auto', ago(9 * 24))
    .escalate('auto', ago(8 * 24))
    .escalate('auto', ago(7 * 24))
    .respond(street, ago(7 * 24 - 2), '街道受理，将召集相关部门联合处置。')
    .callDepartments(street, ago(6 * 24), [cg, fire], '请城管中队依法拆除消防通道旁违建铁皮棚，消防大队对占道车辆和小区消防设施开展检查，3 个工作日内报到。', ago(3 * 24), 3)
    .report(dept, ago(5 * 24), cg.id, cg.name, '已下达限期拆除通知书，铁皮棚已于今日拆除，现场清理完毕。')
    .markOverdue(ago(5 * 24 - 1))
    .flagCallOverdue(ago(3 * 24 - 1), fire.id, fire.name);
  // routed straight to 城管 by the default rule for illegal construction; waiting for its report
  file('sunroom', {
    by: owner2, category: 'illegal_construction', where: 'building', buildingId: b(5).id, at: ago(4),
    party: 'department', department: cg,
    title: `${b(5).name}楼顶违章搭建阳光房`, description: `${b(5).name}顶楼住户在公共屋面搭建阳光房，占用公共部位，影响楼下防水。`,
  }).routedToDepartment(cg, caseDeadline(ago(4), DEPARTMENT_REPORT_DAYS, 'working_days'));
  // a duplicate merged by staff into the first report of the same lift
  const lift = file('lift-noise', {
    by: owner1, category: 'common_repair', where: 'building', buildingId: b(1).id, at: ago(10),
    title: `${b(1).name}电梯运行异响`, description: `${b(1).name}电梯上下运行时有明显摩擦异响，轿厢晃动。`,
  }).respond(staff, ago(9), '已通知电梯维保单位今日到场检查。');
  file('lift-noise-2', {
    by: owner2, category: 'common_repair', where: 'building', buildingId: b(1).id, at: ago(8),
    title: `${b(1).name}电梯有异响，担心安全`, description: '电梯运行中咔咔响，担心有安全隐患，请物业尽快检查。',
  }).mergeInto(staff, ago(7), lift);
  // a complaint against the company, routed to the committee, found true by the chair
  file('guards', {
    by: owner2, category: 'company_conduct', where: 'estate', at: ago(5 * 24), party: 'committee',
    title: '物业保安夜间脱岗，巡逻记录造假', description: '连续多晚 0 点到 5 点门岗无人，巡逻签到表却每小时都有签名。',
  }).respond(chair, ago(4 * 24), '业委会已调取门岗监控核查。')
    .verify(chair, ago(2 * 24), '调取 11 月监控，门岗夜间脱岗 9 次，巡逻签到与监控不符，投诉属实，已书面要求物业整改。');
  // the committee's own conduct: routed to the community, not answered yet
  file('minutes', {
    by: owner1, category: 'committee_conduct', where: 'estate', at: ago(5), party: 'community',
    title: '业委会连续三个月未公布会议纪要', description: '业委会近三个月开了会，但会议纪要和决定一直没有公示，请社区督促。',
  });

  const written = await writeCaseStories(db, { stories, dataDir: opts.dataDir ?? null });
  await appendAuditMany(db, stories.flatMap((s) => s.audits.map((a) => ({
    actor: { accountId: a.actor.accountId || null, role: a.actor.role, ip: null },
    input: { action: a.action, targetType: 'case', targetId: String(written.ids.get(s.key)), estateId, summary: { no: written.nos.get(s.key), demo: true } },
  }))));
  // the sweeper's chain exists from the demo's first moment (the server start schedules it too)
  await ensureCasesSweep(db, now);
  return { cases: stories.length, events: written.events };
}
