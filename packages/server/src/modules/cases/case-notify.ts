import { CASE_PARTY_LABELS } from '@gongzhi/domain';
import type { Db } from '../../platform/db.ts';
import { PARTY_ROLES } from './case-access.ts';
import { grantReachesSql } from './case-assignees.ts';

// In-app inbox notices of the cases module, written in the caller's transaction (a change and
// its notice commit or roll back together). Two kinds, each ONE set-based statement whatever the
// number of cases (the sweeper escalates thousands per chunk):
// - rung notices: a case arrives at a rung (filed and routed, or escalated) → the accounts holding
//   an active grant of that rung's party for the case's estate: the company serving the estate
//   under a contract in force (property roles), the estate's committee (the secretary rung: only
//   committee_secretary), community/street officers whose region holds the estate, the officers
//   of the department holding it;
// - follower notices: the case's owner and followers are told it was escalated, resolved (with
//   the auto-close time), reported on by a department, or merged into another case.
// Texts name the case number and title and the parties by their office, never a person: another
// owner's name never reaches anyone. The account whose action caused the notice is not told.

/** The roles holding each rung's party for notices: the secretary rung is the secretary's alone. */
const RUNG_ROLES: Record<string, readonly string[]> = { ...PARTY_ROLES, secretary: ['committee_secretary'] };

/** 'YYYY-MM-DD HH:MI' in Asia/Shanghai, as localDateTime writes it. */
const localSql = (col: string) => `to_char(${col} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')`;

export type RungNoticeKind = 'filed' | 'escalated';

/**
 * Tells the holders of each case's current rung that it reached them. Reads the rung from the
 * case row as it now is (call after the change). Recipients are worked out once per distinct
 * (estate, party, department) and joined back to the cases. Returns how many notices were written.
 */
export async function notifyRungHolders(
  db: Db, o: { caseIds: readonly number[]; kind: RungNoticeKind; now: Date; exceptAccountId?: number | null },
): Promise<number> {
  if (!o.caseIds.length) return 0;
  const r = await db.query(
    `WITH t AS (
       SELECT id, no, title, estate_id, handler_party, handler_department_id, respond_due_at FROM cases WHERE id = ANY($1::bigint[])),
     places AS (SELECT DISTINCT estate_id, handler_party, handler_department_id FROM t),
     holders AS (
       SELECT DISTINCT p.estate_id, p.handler_party, p.handler_department_id, g.account_id
         FROM places p
         JOIN role_grants g ON g.revoked_at IS NULL AND g.role IN (SELECT jsonb_array_elements_text($2::jsonb -> p.handler_party))
         JOIN accounts a ON a.id = g.account_id AND NOT a.disabled
        WHERE g.account_id IS DISTINCT FROM $4
          -- the one rule of who holds a rung for an estate (the assignees' too)
          AND ${grantReachesSql({ estate: 'p.estate_id', department: 'p.handler_department_id', day: "($3::timestamptz AT TIME ZONE 'Asia/Shanghai')::date" })})
     INSERT INTO notifications (account_id, channel, recipient, subject, body, status, sent_at, created_at)
     SELECT h.account_id, 'inbox', h.account_id::text,
            left(CASE WHEN $5 = 'filed' THEN '新案件待办：' ELSE '案件升级待办：' END || t.title, 200),
            CASE WHEN $5 = 'filed'
              THEN format('案件 %s（%s）按分派规则交由%s办理，请于 %s 前响应。', t.no, t.title, $6::jsonb ->> t.handler_party, ${localSql('t.respond_due_at')})
              ELSE format('案件 %s（%s）已升级至%s办理，请于 %s 前响应。', t.no, t.title, $6::jsonb ->> t.handler_party, ${localSql('t.respond_due_at')})
            END,
            'sent', $3, $3
       FROM t JOIN holders h ON h.estate_id = t.estate_id AND h.handler_party = t.handler_party
                            AND h.handler_department_id IS NOT DISTINCT FROM t.handler_department_id`,
    [o.caseIds, JSON.stringify(RUNG_ROLES), o.now, o.exceptAccountId ?? null, o.kind, JSON.stringify(CASE_PARTY_LABELS)],
  );
  return r.rowCount ?? 0;
}

export type FollowerNoticeKind = 'escalated' | 'resolved' | 'reported' | 'merged';

const FOLLOWER_SUBJECT: Record<FollowerNoticeKind, string> = {
  escalated: '您关注的案件已升级：', resolved: '您关注的案件已办结：', reported: '职能部门已报到：', merged: '您关注的案件已合并：',
};

/**
 * Tells each case's owner and followers what happened to it. Reads the case row as it now is
 * (call after the change): the rung reached, the auto-close time, the case merged into.
 * `detail` (one per case, same order): the reporting department's name for 'reported'.
 */
export async function notifyFollowers(
  db: Db,
  o: { caseIds: readonly number[]; kind: FollowerNoticeKind; now: Date; exceptAccountId?: number | null; detail?: readonly string[] },
): Promise<number> {
  if (!o.caseIds.length) return 0;
  const bodies: Record<FollowerNoticeKind, string> = {
    escalated: `format('您关注的案件 %s（%s）已升级至%s办理，新的响应期限为 %s。', t.no, t.title, t.party_label, ${localSql('t.respond_due_at')})`,
    resolved: `format('您关注的案件 %s（%s）已办结，请查看办理结果并确认评价；如未答复，将于 %s 自动结案。', t.no, t.title, ${localSql('t.auto_close_at')})`,
    reported: `format('职能部门“%s”已就您关注的案件 %s（%s）报到反馈，请查看办理进展。', t.detail, t.no, t.title)`,
    merged: `format('您关注的案件 %s（%s）与案件 %s 反映的是同一问题，已合并到该案件办理，后续进展请在该案件中查看。', t.no, t.title,
      (SELECT m.no FROM cases m WHERE m.id = t.merged_into_id))`,
  };
  const r = await db.query(
    `WITH t AS (
       SELECT c.id, c.no, c.title, c.handler_party, c.respond_due_at, c.auto_close_at, c.merged_into_id, c.owner_account_id, d.detail,
              $6::jsonb ->> c.handler_party AS party_label
         FROM unnest($1::bigint[], $2::text[]) AS d(case_id, detail) JOIN cases c ON c.id = d.case_id),
     r AS (
       SELECT id AS case_id, owner_account_id AS account_id FROM t WHERE owner_account_id IS NOT NULL
       UNION
       SELECT f.case_id, f.account_id FROM case_followers f WHERE f.case_id IN (SELECT id FROM t))
     INSERT INTO notifications (account_id, channel, recipient, subject, body, status, sent_at, created_at)
     SELECT r.account_id, 'inbox', r.account_id::text, left($5 || t.title, 200), ${bodies[o.kind]}, 'sent', $3, $3
       FROM t JOIN r ON r.case_id = t.id JOIN accounts a ON a.id = r.account_id AND NOT a.disabled
      WHERE r.account_id IS DISTINCT FROM $4`,
    [
      o.caseIds, o.caseIds.map((_, i) => o.detail?.[i] ?? null), o.now, o.exceptAccountId ?? null, FOLLOWER_SUBJECT[o.kind],
      JSON.stringify(CASE_PARTY_LABELS),
    ],
  );
  return r.rowCount ?? 0;
}
