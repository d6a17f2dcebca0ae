import type { Db } from '@gongzhi/server';

// Case volume for the cases benchmarks (issue 6): many cases written by SQL generate_series over
// the demo city's estates (each estate's share follows its unit count), with a spread a city
// might have after two years: most cases closed and rated, a working set open or in progress
// (mostly at the company, fewer up the ladder, some overdue at the street or with departments),
// some resolved and waiting for their owners, a few merged. Everything the schema's CHECKs ask
// holds (a closed case has its closing, a resolved one its auto-close time, only running cases
// have a running deadline). The benchmarks measure reading and sweeping, not filing.

export interface VolumeOptions {
  total: number;
  /** 'queue': running deadlines all ahead (the platform's sweeper has nothing to do while it is
   *  measured); 'due': every case running with its deadline passed (the sweeper's backlog) */
  mode: 'queue' | 'due';
}

const CATEGORIES = [
  'common_repair', 'common_repair', 'common_repair', 'common_repair', 'cleaning', 'cleaning', 'security', 'parking', 'parking',
  'noise', 'fees', 'committee_conduct', 'company_conduct', 'illegal_construction', 'fire_safety', 'other',
];
const TITLES: Record<string, string> = {
  common_repair: '电梯故障报修', cleaning: '楼道卫生清扫不及时', security: '门禁损坏外来人员随意进出', parking: '消防通道乱停车',
  noise: '夜间装修噪音扰民', fees: '物业费收费标准疑问', committee_conduct: '业委会未按期公示会议纪要',
  company_conduct: '物业服务态度差', illegal_construction: '楼顶违章搭建', fire_safety: '消防栓无水', other: '其他问题',
};

/** Writes `total` cases over the estates; returns how many per estate. */
export async function writeCaseVolume(db: Db, o: VolumeOptions): Promise<{ estateId: number; cases: number }[]> {
  const estates = (await db.query(
    `SELECT e.id, count(u.id)::int AS units,
            (SELECT array_agg(b.id ORDER BY b.id) FROM buildings b WHERE b.estate_id = e.id) AS buildings,
            (SELECT array_agg(x.id ORDER BY x.id) FROM (SELECT id FROM units WHERE estate_id = e.id AND kind = 'residential' ORDER BY id LIMIT 500) x) AS units_sample,
            (SELECT array_agg(x.building_id ORDER BY x.id) FROM (SELECT id, building_id FROM units WHERE estate_id = e.id AND kind = 'residential' ORDER BY id LIMIT 500) x) AS units_building,
            (SELECT sc.company_id FROM service_contracts sc WHERE sc.estate_id = e.id AND sc.ends_on >= current_date ORDER BY sc.starts_on DESC LIMIT 1) AS company_id
       FROM estates e JOIN units u ON u.estate_id = e.id GROUP BY e.id ORDER BY e.id`,
  )).rows;
  const staffRow = (await db.query(
    `SELECT a.id, g.scope_id AS company_id FROM accounts a JOIN role_grants g ON g.account_id = a.id WHERE a.username = 'staff'`,
  )).rows[0];
  const staff = Number(staffRow.id);
  const staffCompany = Number(staffRow.company_id);
  const departments = (await db.query(`SELECT id FROM departments ORDER BY id`)).rows.map((r) => Number(r.id));
  // a merged case needs a case to point at: the first of the volume's own, written first
  const anchor = await db.query(
    `INSERT INTO cases (no, estate_id, category, location_kind, title, description, filed_by, filed_by_role, state, level, handler_party,
                        closed_at, close_kind)
     VALUES ('BJ-ANCHOR', $1, 'other', 'estate', '基准合并目标', '基准', $2, 'property_staff', 'closed', 'company', 'company', now(), 'auto') RETURNING id`,
    [estates[0].id, staff],
  );
  const anchorId = Number(anchor.rows[0].id);
  const unitsTotal = estates.reduce((s, e) => s + Number(e.units), 0);
  const out: { estateId: number; cases: number }[] = [];
  let left = o.total;
  for (const [i, e] of estates.entries()) {
    const n = i === estates.length - 1 ? left : Math.round((o.total * Number(e.units)) / unitsTotal);
    left -= n;
    await db.query(SQL(o.mode), [
      e.id, n, e.buildings, e.units_sample, e.units_building, e.company_id, staff, departments, anchorId, CATEGORIES,
      CATEGORIES.map((c) => TITLES[c]),
      // the demo staff member is one of a company's many: a few of its estates' running cases are theirs
      Number(e.company_id) === staffCompany ? 0.01 : 0,
    ]);
    out.push({ estateId: Number(e.id), cases: n });
  }
  // the departments' side: every case at the department rung was called in; most reported, the
  // unreported ones past their report deadline already flagged (the sweeper's work is done)
  await db.query(
    `INSERT INTO case_department_calls (case_id, department_id, called_by, called_at, instruction, report_due_at, reported_at, reported_by, report_text, overdue_flagged_at)
     SELECT c.id, c.handler_department_id, $1, c.created_at, '基准吹哨', c.created_at + interval '3 days',
            CASE WHEN rep THEN c.created_at + interval '1 day' END, CASE WHEN rep THEN $1::bigint END, CASE WHEN rep THEN '已报到' END,
            CASE WHEN NOT rep AND c.created_at + interval '3 days' <= now() THEN c.created_at + interval '3 days' END
       FROM (SELECT id, handler_department_id, created_at, (state NOT IN ('open', 'in_progress') OR random() < 0.5) AS rep
               FROM cases WHERE level = 'department' AND no LIKE 'BJ%' AND handler_department_id IS NOT NULL) c`,
    [staff],
  );
  return out;
}

// $1 estate, $2 how many, $3 building ids, $4 unit ids, $5 their buildings, $6 company, $7 staff
// account (filer, assignee), $8 the departments, $9 the merge anchor, $10 categories, $11 titles,
// $12 the share of running company cases assigned to the staff account
const SQL = (mode: 'queue' | 'due') => `
INSERT INTO cases (no, estate_id, category, priority, location_kind, building_id, unit_id, location_text, title, description,
  filed_by, filed_by_role, state, level, handler_party, handler_department_id, assignee_account_id,
  respond_due_at, resolve_due_at, next_due_at, first_responded_at, resolved_at, auto_close_at, closed_at, close_kind,
  rating, reopen_count, resolved_in_time, merged_into_id, company_id, created_at, updated_at)
SELECT 'BJ' || lpad(nextval('case_no_seq')::text, 9, '0'), $1, ($10::text[])[ci], CASE WHEN rp < 0.1 THEN 'urgent' ELSE 'normal' END,
  loc, CASE loc WHEN 'building' THEN ($3::bigint[])[1 + floor(rb * cardinality($3::bigint[]))::int]
               WHEN 'unit' THEN ($5::bigint[])[ui] END,
  CASE WHEN loc = 'unit' THEN ($4::bigint[])[ui] END,
  CASE WHEN loc = 'common_area' THEN (ARRAY['北门消防通道', '地下车库B区', '中心花园', '南门岗亭', '垃圾分类亭'])[1 + floor(rb * 5)::int] END,
  ($11::text[])[ci], '基准案件：' || ($11::text[])[ci] || '，请尽快处理。',
  $7, 'property_staff', state, level, CASE level WHEN 'department' THEN 'department' ELSE level END,
  CASE WHEN level = 'department' THEN ($8::bigint[])[1 + floor(rd * cardinality($8::bigint[]))::int] END,
  CASE WHEN state = 'in_progress' AND level = 'company' AND rx < $12::float8 THEN $7::bigint END,
  respond_due, resolve_due,
  CASE WHEN state NOT IN ('open', 'in_progress') OR flagged THEN NULL WHEN state = 'open' THEN respond_due ELSE resolve_due END,
  CASE WHEN state <> 'open' THEN created + interval '1 hour' END,
  CASE WHEN state IN ('resolved', 'closed') THEN created + (now() - created) / 2 END,
  CASE WHEN state = 'resolved' THEN created + (now() - created) / 2 + interval '7 days' END,
  CASE WHEN state = 'closed' THEN created + (now() - created) / 2 + interval '1 day' END,
  CASE WHEN state = 'closed' THEN CASE WHEN rx < 0.7 THEN 'confirmed' ELSE 'auto' END END,
  CASE WHEN state = 'closed' AND rx < 0.7 THEN (ARRAY[5, 5, 5, 4, 4, 4, 3, 2, 1])[1 + floor(rr * 9)::int] END,
  CASE WHEN rr > 0.93 THEN 1 ELSE 0 END,
  CASE WHEN state IN ('resolved', 'closed') THEN rr < 0.85 END,
  CASE WHEN state = 'merged' THEN $9::bigint END,
  $6, created, created
FROM (
  SELECT *, 1 + floor(rc * 16)::int AS ci, 1 + floor(rb * cardinality($4::bigint[]))::int AS ui,
    CASE WHEN rloc < 0.4 THEN 'building' WHEN rloc < 0.7 THEN 'common_area' WHEN rloc < 0.9 THEN 'estate' ELSE 'unit' END AS loc,
    -- at the street or a department, half the running cases are past their deadline (flagged once)
    ${mode === 'due' ? 'false' : `(state IN ('open', 'in_progress') AND level IN ('street', 'department') AND rd < 0.5)`} AS flagged,
    ${mode === 'due'
      ? `now() - interval '1 minute' - rd * interval '3 days' AS respond_due,
    now() - interval '1 minute' - rd * interval '2 days' AS resolve_due`
      : `CASE WHEN state IN ('open', 'in_progress') AND level IN ('street', 'department') AND rd < 0.5 THEN created + interval '8 hours'
         WHEN state = 'open' THEN now() + interval '3 hours' + rd * interval '3 days' ELSE created + interval '8 hours' END AS respond_due,
    CASE WHEN state IN ('open', 'in_progress') AND level IN ('street', 'department') AND rd < 0.5 THEN now() - rd * interval '5 days'
         WHEN state IN ('open', 'in_progress') THEN now() + interval '1 day' + rd * interval '10 days' ELSE created + interval '5 days' END AS resolve_due`}
  FROM (
    SELECT *,
      ${mode === 'due'
        ? `CASE WHEN rs < 0.5 THEN 'open' ELSE 'in_progress' END AS state,
      CASE WHEN rl < 0.6 THEN 'company' WHEN rl < 0.8 THEN 'committee' WHEN rl < 0.9 THEN 'community' WHEN rl < 0.96 THEN 'street' ELSE 'department' END AS level,
      now() - interval '3 days' - rt * interval '20 days' AS created`
        : `CASE WHEN rs < 0.04 THEN 'open' WHEN rs < 0.12 THEN 'in_progress' WHEN rs < 0.17 THEN 'resolved' WHEN rs < 0.98 THEN 'closed' ELSE 'merged' END AS state,
      CASE WHEN rl < 0.84 THEN 'company' WHEN rl < 0.91 THEN 'committee' WHEN rl < 0.95 THEN 'community' WHEN rl < 0.98 THEN 'street' ELSE 'department' END AS level,
      CASE WHEN rs < 0.12 THEN now() - rt * interval '20 days' WHEN rs < 0.17 THEN now() - rt * interval '6 days'
           ELSE now() - interval '8 days' - rt * interval '720 days' END AS created`}
    FROM (SELECT random() AS rs, random() AS rl, random() AS rc, random() AS rp, random() AS rloc, random() AS rb, random() AS rt,
                 random() AS rd, random() AS rx, random() AS rr
            FROM generate_series(1, $2::int)) r0
  ) r1
) r`;
