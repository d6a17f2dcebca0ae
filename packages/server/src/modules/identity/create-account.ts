import { ROLE_SCOPE, ROLES, type Role } from '@gongzhi/contracts';
import { appendAudit, type AuditActor } from '../../platform/audit.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { maskPhone } from './load-me.ts';

// Creating accounts is shared by the CLI (create-admin), the demo seeder and code sign-in.
// The scope kind of each grant follows from its role (ROLE_SCOPE), so it cannot be mismatched.

export const SYSTEM_ACTOR: AuditActor = { accountId: null, role: 'system', ip: null };
export const MIN_PASSWORD_LENGTH = 8;

export interface GrantInput {
  role: Role;
  /** estate, company or region id; null for the owner role (its units come from bindings) */
  scopeId?: number | null;
}

export interface CreateAccountInput {
  db: Db;
  username?: string | null;
  phone?: string | null;
  password?: string | null;
  displayName: string;
  ownerId?: number | null;
  mfaRequired?: boolean;
  grants?: GrantInput[];
  /** who does it; the system (CLI, seeder, code sign-in) by default */
  actor?: AuditActor;
}

export async function createAccount(input: CreateAccountInput): Promise<{ id: number; grantIds: number[] }> {
  const { db } = input;
  const username = input.username?.trim() || null;
  const phone = input.phone?.trim() || null;
  if (!username && !phone) throw fieldError('body.username', '用户名和手机号至少填写一项');
  if (input.password != null && input.password.length < MIN_PASSWORD_LENGTH) {
    throw fieldError('body.password', `密码至少 ${MIN_PASSWORD_LENGTH} 位`);
  }
  const taken = await db.query('SELECT 1 FROM accounts WHERE username = $1 OR phone = $2', [username, phone]);
  if (taken.rows.length) throw new AppError('CONFLICT', { message: '用户名或手机号已被使用' });
  for (const g of input.grants ?? []) {
    if (!ROLES.includes(g.role)) throw fieldError('body.grants', `未知角色 ${g.role}`);
    if ((ROLE_SCOPE[g.role] === 'owner') !== (g.scopeId == null)) throw fieldError('body.grants', `角色 ${g.role} 的范围不正确`);
  }
  const passwordHash = input.password != null ? await hashPassword(input.password) : null;
  const r = await db.query(
    `INSERT INTO accounts (username, phone, password_hash, display_name, owner_id, mfa_required)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [username, phone, passwordHash, input.displayName, input.ownerId ?? null, input.mfaRequired ?? false],
  );
  const id = Number(r.rows[0].id);
  const grantIds: number[] = [];
  for (const g of input.grants ?? []) {
    const gr = await db.query(
      `INSERT INTO role_grants (account_id, role, scope_kind, scope_id) VALUES ($1, $2, $3, $4) RETURNING id`,
      [id, g.role, ROLE_SCOPE[g.role], g.scopeId ?? null],
    );
    grantIds.push(Number(gr.rows[0].id));
  }
  await appendAudit(db, input.actor ?? SYSTEM_ACTOR, {
    action: 'account.create',
    targetType: 'account',
    targetId: id,
    summary: {
      username,
      phone: maskPhone(phone),
      displayName: input.displayName,
      grants: (input.grants ?? []).map((g) => ({ role: g.role, scopeId: g.scopeId ?? null })),
    },
  });
  return { id, grantIds };
}
