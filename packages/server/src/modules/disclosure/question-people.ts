import { DEFAULT_ANSWER_DAYS, type QuestionParty } from '@gongzhi/domain';
import type { Db } from '../../platform/db.ts';
import { committeeAccounts, COMPANY_ROLES } from './disclosure-party.ts';

// Who hears about a question: the accounts acting for the responsible party in the estate, the
// community officers of the estate's community, the asker. And the city's answer days.

/** Accounts holding a live grant for `party` in the estate: the committee roles on the estate, or
 *  the staff and managers of a company serving it under a contract in force today. */
export async function partyAccounts(db: Db, estateId: number, party: QuestionParty): Promise<number[]> {
  if (party === 'committee') return committeeAccounts(db, estateId);
  const r = await db.query(
    `SELECT DISTINCT g.account_id FROM role_grants g JOIN accounts a ON a.id = g.account_id AND NOT a.disabled
      WHERE g.revoked_at IS NULL AND g.scope_kind = 'company' AND g.role = ANY($2::text[])
        AND g.scope_id IN (SELECT sc.company_id FROM service_contracts sc
                            WHERE sc.estate_id = $1 AND sc.starts_on <= current_date AND sc.ends_on >= current_date)
      ORDER BY 1`,
    [estateId, COMPANY_ROLES],
  );
  return r.rows.map((x) => Number(x.account_id));
}

/** The community officers of the estate's own community (the region the estate belongs to). */
export async function communityOfficers(db: Db, estateId: number): Promise<number[]> {
  const r = await db.query(
    `SELECT DISTINCT g.account_id FROM estates e
       JOIN role_grants g ON g.scope_kind = 'region' AND g.scope_id = e.community_id AND g.role = 'community_officer' AND g.revoked_at IS NULL
       JOIN accounts a ON a.id = g.account_id AND NOT a.disabled
      WHERE e.id = $1 ORDER BY 1`,
    [estateId],
  );
  return r.rows.map((x) => Number(x.account_id));
}

/** The answer days of the estate's city (its disclosure rule), or the default 7. */
export async function answerDaysOf(db: Db, estateId: number): Promise<number> {
  const r = await db.query(
    `SELECT dr.answer_days FROM estates e JOIN regions c ON c.id = e.community_id
       JOIN disclosure_city_rules dr ON c.path LIKE '/' || dr.city_region_id || '/%'
      WHERE e.id = $1`,
    [estateId],
  );
  return r.rows[0] ? Number(r.rows[0].answer_days) : DEFAULT_ANSWER_DAYS;
}

/** Whether a company serves the estate under a contract in force today. */
export async function hasServingCompany(db: Db, estateId: number): Promise<boolean> {
  const r = await db.query(
    `SELECT 1 FROM service_contracts WHERE estate_id = $1 AND starts_on <= current_date AND ends_on >= current_date LIMIT 1`,
    [estateId],
  );
  return r.rows.length > 0;
}
