import type { NoticePublisherKind, QuestionParty } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';

// Who speaks in the disclosure module, from the role a person acts in. Their scope (the estate)
// is checked separately with ctx.assertEstate. The names are what owners read under a notice, a
// statement or an answer: the company's registered name, the committee's name, the officer's body.

/** The domain's publisher kinds a person can act as (the platform is no person). */
export type PublisherKind = Exclude<NoticePublisherKind, 'platform'>;
/** The two parties that owe disclosure and answers to the owners. */
export type ResponsibleParty = QuestionParty;

export function publisherKindOf(ctx: RequestContext): PublisherKind | null {
  switch (ctx.role) {
    case 'committee_member':
    case 'committee_chair':
    case 'committee_secretary':
      return 'committee';
    case 'property_staff':
    case 'property_manager':
      return 'company';
    case 'community_officer':
      return 'community';
    case 'street_officer':
      return 'street_office';
    case 'district_officer':
      return 'district';
    default:
      return null;
  }
}

/** The company or the committee the caller acts for; refused (403) for anyone else. */
export function responsiblePartyOf(ctx: RequestContext): ResponsibleParty {
  const k = publisherKindOf(ctx);
  if (k === 'company' || k === 'committee') return k;
  throw new AppError('FORBIDDEN', { message: '只有物业服务企业或业主委员会可以执行此操作' });
}

/** The name owners see for `kind` in `estateId` (the caller's company or region for those kinds). */
export async function publisherName(db: Db, ctx: RequestContext, kind: PublisherKind, estateId: number): Promise<string> {
  if (kind === 'company') {
    const r = await db.query(`SELECT name FROM companies WHERE id = $1`, [ctx.scope.companyId]);
    return String(r.rows[0]?.name ?? '物业服务企业');
  }
  if (kind === 'committee') return committeeName(db, estateId);
  const r = await db.query(`SELECT name FROM regions WHERE id = $1`, [ctx.grant?.scopeId ?? null]);
  return String(r.rows[0]?.name ?? '');
}

/** The roles that act for an estate's committee, and for a property company. */
export const COMMITTEE_ROLES = ['committee_member', 'committee_chair', 'committee_secretary'];
export const COMPANY_ROLES = ['property_staff', 'property_manager'];

/** The enabled accounts holding a live grant of one of `roles` on the scope, ascending: who is
 *  told (inbox) on behalf of a party or a body. No scope, nobody. */
export async function grantHolders(
  db: Db, scope: { kind: 'estate' | 'company' | 'region'; id: number | null }, roles: readonly string[],
): Promise<number[]> {
  if (scope.id == null) return [];
  const r = await db.query(
    `SELECT DISTINCT g.account_id FROM role_grants g JOIN accounts a ON a.id = g.account_id AND NOT a.disabled
      WHERE g.revoked_at IS NULL AND g.scope_kind = $1 AND g.scope_id = $2 AND g.role = ANY($3::text[]) ORDER BY 1`,
    [scope.kind, scope.id, roles],
  );
  return r.rows.map((x) => Number(x.account_id));
}

/** The accounts of the estate's committee (its committee roles). */
export const committeeAccounts = (db: Db, estateId: number) => grantHolders(db, { kind: 'estate', id: estateId }, COMMITTEE_ROLES);
/** The staff and managers of a company. */
export const companyAccounts = (db: Db, companyId: number | null) => grantHolders(db, { kind: 'company', id: companyId }, COMPANY_ROLES);

/** The estate's committee (the current term's, else the latest), or "<estate>业主委员会". */
export async function committeeName(db: Db, estateId: number): Promise<string> {
  const r = await db.query(
    `SELECT c.name FROM committees c WHERE c.estate_id = $1
      ORDER BY (c.term_start <= current_date AND c.term_end >= current_date) DESC, c.term_end DESC LIMIT 1`,
    [estateId],
  );
  if (r.rows[0]) return String(r.rows[0].name);
  const e = await db.query(`SELECT name FROM estates WHERE id = $1`, [estateId]);
  return `${String(e.rows[0]?.name ?? '')}业主委员会`;
}
