import type { NoticeCreateBody } from '@gongzhi/contracts';
import { addCalendarDays, lastCompletePeriodKey, previousPeriodKey } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import {
  answerQuestion, askQuestion, checkOverdueFilings, correctNotice, createNotice, disclosureRules, escalateDueQuestion,
  publishOwnNotice, withdrawNotice,
} from '../disclosure/index.ts';
import { localDate } from '../meetings/index.ts';
import { demoContext } from './demo-context.ts';
import { bookRevenue, fileDisclosures, fileElsewhere, quarterOf } from './generate-disclosure-books.ts';

// Disclosure (issue 5) in the demo city, written through the module's own use cases acting as the
// demo accounts (chair, manager, street, owners), with moments in the recent past:
//   - 翠竹苑's notices: a pinned committee notice, the company's fee publicity (公示, with dates), a
//     building's water cut, a withdrawn notice (kept with its reason), a corrected one (linked);
//     coverage partly read (owner2 and member have opened some; owner1 has read nothing yet);
//   - its common revenue and filings (generate-disclosure-books.ts);
//   - other estates: one filed on time, one late; the overdue check flags what is missing;
//   - questions: one answered by the company, one open, one escalated to the community.
// The meetings and the fund have already published their notices through the same module
// (meeting notices and results, fund uses and statements).

export interface DemoDisclosureSummary { notices: number; revenueStatements: number; filings: number; questions: number; overdueFlags: number }

const CUIZHU = 'DEMO01';
const DAY = 86_400_000;

async function publish(db: Db, ctx: RequestContext, estateId: number, body: NoticeCreateBody, when: Date): Promise<number> {
  const d = await createNotice(db, { ctx, estateId, body, now: when });
  await publishOwnNotice(db, { ctx, id: d.id, now: when });
  return d.id;
}

async function notices(db: Db, o: { estateId: number; chair: RequestContext; manager: RequestContext; now: Date }) {
  const { estateId, chair, manager, now } = o;
  const ago = (days: number, hour = 9) => new Date(now.getTime() - days * DAY - hour * 60_000);
  const today = localDate(now);
  const building = await db.query(`SELECT id, name FROM buildings WHERE estate_id = $1 ORDER BY length(name), name LIMIT 1 OFFSET 2`, [estateId]);
  const b = building.rows[0];
  const pinned = await publish(db, chair, estateId, {
    kind: 'notice', audience: 'owners', pinned: true, title: '关于业主委员会每月接待日安排的通知',
    body: '各位业主：\n业主委员会每月第一个周六 9:00–11:30 在会所二楼业委会办公室接待业主，听取对物业服务、公共收益、维修资金使用等事项的意见和建议。\n不便到场的业主可在本平台“质询”中提出问题，业主委员会将在 7 日内答复。\n特此通知。',
  }, ago(20));
  const fees = await publish(db, manager, estateId, {
    kind: 'publicity', audience: 'owners', title: '明年物业服务收费标准（拟）公示',
    publicityStart: addCalendarDays(today, -5), publicityEnd: addCalendarDays(today, 10),
    body: '根据物业服务合同及物价部门备案，拟自明年 1 月 1 日起执行以下收费标准：住宅 1.80 元/㎡·月（不变），商铺 3.50 元/㎡·月（不变），地下车位管理费 80 元/个·月（不变）。\n公示期内业主如有异议，请在本平台提出质询或到物业服务中心反映。',
  }, ago(5));
  const water = await publish(db, manager, estateId, {
    kind: 'notice', audience: 'buildings', buildingIds: [Number(b.id)], title: `${b.name}二次供水水箱清洗停水通知`,
    body: `${b.name}将于本周四 9:00–15:00 清洗二次供水水箱，期间停水，请提前储水。清洗完成后将公示水质检测报告。`,
  }, ago(3));
  const charging = await publish(db, chair, estateId, {
    kind: 'notice', audience: 'owners', title: '关于暂停地下车库充电桩使用的通知',
    body: '因地下车库 B 区充电桩线路检测异常，即日起暂停使用，恢复时间另行通知。',
  }, ago(12));
  await withdrawNotice(db, { ctx: chair, id: charging, reason: '经供电部门复核，线路正常，充电桩恢复使用，本通知撤回。', now: ago(11) });
  const lift = await publish(db, manager, estateId, {
    kind: 'announcement', audience: 'owners', title: '本月电梯年度检验安排',
    body: '本月 18 日、19 日特种设备检验机构对小区全部电梯进行年度检验，检验期间各梯轮流停运约 2 小时。',
  }, ago(9));
  const corrected = await correctNotice(db, {
    ctx: manager, id: lift, reason: '检验日期有误', now: ago(8),
    title: '本月电梯年度检验安排（更正）',
    body: '本月 25 日、26 日（原公告误写为 18 日、19 日）特种设备检验机构对小区全部电梯进行年度检验，检验期间各梯轮流停运约 2 小时。',
  });
  // coverage: owner2 and the member (an owner too) have opened some; owner1 none yet. An owner's
  // read is a session-bound request (GET /my/notices/:id checks the session in its one statement)
  // and the demo has no sessions, so the receipt is set as that read sets it: read_at, once, on
  // the recipient row frozen at publication (readers outside the audience have no row to set).
  const read = async (username: string, noticeId: number, when: Date) => db.query(
    `UPDATE notice_recipients r SET read_at = $3 FROM accounts a
      WHERE a.username = $2 AND r.account_id = a.id AND r.notice_id = $1 AND r.read_at IS NULL`,
    [noticeId, username, when],
  );
  for (const id of [pinned, fees, corrected.id]) await read('owner2', id, ago(2));
  await read('member', pinned, ago(1));
  return { fees, water, count: 6 };
}

async function questions(db: Db, o: { estateId: number; statementId: number | undefined; feesNotice: number; manager: RequestContext; now: Date }) {
  const { estateId, manager, now } = o;
  const owner1 = await demoContext(db, 'owner1', 'owner');
  const owner2 = await demoContext(db, 'owner2', 'owner');
  let n = 0;
  if (o.statementId) {
    // answered by the company within the deadline
    const q = await askQuestion({ db, ctx: owner2, now: new Date(now.getTime() - 20 * DAY), input: {
      subjectType: 'revenue_statement', subjectId: o.statementId, body: '停车收入每月都不一样，请公布临时停车收费的明细和收费员成本。',
    } });
    await answerQuestion({ db, ctx: manager, questionId: q.id, now: new Date(now.getTime() - 17 * DAY),
      answer: '临时停车收入按月汇总入账，收费员人工成本由物业承担、未从公共收益中扣除。月度明细已作为附件放在公共收益台账中，欢迎到物业服务中心查阅原始票据。' });
    n++;
  }
  // open: asked two days ago on the fee publicity
  await askQuestion({ db, ctx: owner1, now: new Date(now.getTime() - 2 * DAY), input: {
    subjectType: 'notice', subjectId: o.feesNotice, body: '地下车位管理费 80 元/个·月的依据是什么？周边小区多为 60 元。',
  } });
  n++;
  // escalated: asked ten days ago on the published meeting, never answered
  const m = await db.query(
    `SELECT id FROM meetings WHERE estate_id = $1 AND notice_published_at IS NOT NULL ORDER BY result_published_at IS NULL, id LIMIT 1`,
    [estateId],
  );
  if (m.rows[0]) {
    const asked = new Date(now.getTime() - 10 * DAY);
    const q = await askQuestion({ db, ctx: owner2, now: asked, input: {
      subjectType: 'meeting', subjectId: Number(m.rows[0].id), body: '会议决定的电梯更换项目何时开工？施工单位如何选定？',
    } });
    await escalateDueQuestion(db, q.id, now);
    n++;
  }
  return n;
}

export async function generateDisclosure(db: Db, opts: { now?: Date } = {}): Promise<DemoDisclosureSummary> {
  const now = opts.now ?? new Date();
  const today = localDate(now);
  const e = await db.query(`SELECT id FROM estates WHERE code = $1`, [CUIZHU]);
  const estateId = Number(e.rows[0].id);
  const chair = await demoContext(db, 'chair');
  const manager = await demoContext(db, 'manager');
  const street = await demoContext(db, 'street');

  const n = await notices(db, { estateId, chair, manager, now });
  const q3 = lastCompletePeriodKey('quarter', today);
  const q2 = previousPeriodKey('quarter', q3);
  const quarters = [quarterOf(previousPeriodKey('quarter', q2)), quarterOf(q2), quarterOf(q3)];
  const statements = await bookRevenue(db, { estateId, quarters, manager, chair, now });
  const fund = await db.query(
    `SELECT id FROM fund_statements WHERE estate_id = $1 AND period_start <= $2 AND period_end >= $3 ORDER BY id LIMIT 1`,
    [estateId, quarters[1]!.start, quarters[1]!.end],
  );
  let filings = await fileDisclosures(db, {
    estateId, quarters, statements, fundStatementId: fund.rows[0] ? Number(fund.rows[0].id) : null, manager, chair, street, now,
  });
  const rules = await disclosureRules(db, estateId);
  filings += await fileElsewhere(db, { exceptEstateId: estateId, q: quarters[2]!, manager, now, dueDays: rules?.filingDueDays ?? 30 });
  const asked = await questions(db, { estateId, statementId: statements[0], feesNotice: n.fees, manager, now });

  // today's check (the daily job's, run now so the flags are there when the demo opens)
  const overdueFlags = await checkOverdueFilings(db, { today });
  return { notices: n.count, revenueStatements: statements.length, filings, questions: asked, overdueFlags };
}

