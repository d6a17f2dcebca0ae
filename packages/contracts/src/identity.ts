import { z } from 'zod';
import { ROLES, PERMISSIONS } from './permissions.ts';

export const roleGrantView = z.object({
  id: z.number().int(),
  role: z.enum(ROLES),
  scopeKind: z.enum(['estate', 'company', 'region', 'owner', 'department']),
  scopeId: z.number().int().nullable(),
  scopeName: z.string(),
});
export type RoleGrantView = z.infer<typeof roleGrantView>;

/** What the web client gets about the caller: who, which role is active, what it may do. */
export const meView = z.object({
  accountId: z.number().int(),
  displayName: z.string(),
  grants: z.array(roleGrantView),
  activeGrantId: z.number().int().nullable(),
  permissions: z.array(z.enum(PERMISSIONS)),
  mfaPassed: z.boolean(),
  /** the account's phone, masked (138****1234): where binding codes go; null without a phone */
  phoneMasked: z.string().nullable(),
});
export type MeView = z.infer<typeof meView>;

// Requests and answers of the identity module -----------------------------------------------

/** A mainland mobile number, 11 digits. */
export const phoneNumber = z.string().trim().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号');

export const loginBody = z.object({
  login: z.string().trim().min(1).max(64), // username or phone
  password: z.string().min(1).max(200),
});
/** Either the caller (signed in) or a request for the second factor sent by SMS. */
export const loginResponse = z.union([meView, z.object({ mfaRequired: z.literal(true) })]);
export type LoginResponse = z.infer<typeof loginResponse>;

export const oneTimeCode = z.string().trim().regex(/^\d{6}$/, '验证码为 6 位数字');
export const mfaVerifyBody = z.object({ code: oneTimeCode });
/** `phone` is needed for 'login'. A 'binding' code always goes to the signed-in account's own phone,
 *  so for 'binding' the phone may be left out (and is ignored if given). */
export const otpRequestBody = z.object({ phone: phoneNumber.optional(), purpose: z.enum(['login', 'binding']) });
export const otpLoginBody = z.object({ phone: phoneNumber, code: oneTimeCode });
export const switchRoleBody = z.object({ grantId: z.number().int().positive() });

export const INVITATION_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I/L
export const invitationCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[A-Z0-9]{8}$/, '邀请码为 8 位字母或数字'));

export const issueInvitationBody = z.object({ unitId: z.number().int().positive(), ownerId: z.number().int().positive() });
export const invitationView = z.object({
  id: z.number().int(),
  code: z.string(),
  estateId: z.number().int(),
  unitId: z.number().int(),
  unitLabel: z.string(), // "1栋 101"
  ownerId: z.number().int(),
  ownerName: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  usedAt: z.string().nullable(),
});
export type InvitationView = z.infer<typeof invitationView>;

export const redeemInvitationBody = z.object({ code: invitationCode });
export const rosterMatchBody = z.object({
  estateId: z.number().int().positive(),
  building: z.string().trim().min(1).max(50),
  unit: z.string().trim().min(1).max(50),
  name: z.string().trim().min(1).max(100),
  idLast4: z.string().trim().regex(/^[0-9]{3}[0-9Xx]$/, '请输入证件号码后四位'),
  /** a 'binding' code sent to the caller's own phone: the reviewer sees that phone as verified */
  code: oneTimeCode,
});

export const bindingStatus = z.enum(['pending', 'approved', 'rejected', 'revoked']);
export const bindingView = z.object({
  id: z.number().int(),
  estateId: z.number().int(),
  estateName: z.string(),
  unitId: z.number().int(),
  unitLabel: z.string(),
  ownerId: z.number().int(),
  ownerName: z.string(),
  accountId: z.number().int(),
  accountName: z.string(),
  accountPhone: z.string(), // masked; for a verified request, the phone the code went to
  /** the requester proved this phone with a one-time code (roster-match requests) */
  phoneVerified: z.boolean(),
  method: z.enum(['invitation', 'roster_match']),
  status: bindingStatus,
  requestedAt: z.string(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
});
export type BindingView = z.infer<typeof bindingView>;
export const listBindingsQuery = z.object({
  status: bindingStatus.optional(),
  estateId: z.coerce.number().int().positive().optional(),
});
export const rejectBindingBody = z.object({ note: z.string().trim().min(1).max(500) });

export const myUnitView = z.object({
  bindingId: z.number().int(),
  unitId: z.number().int(),
  estateId: z.number().int(),
  estateName: z.string(),
  /** the building's id (an owner reporting a case about their own building names it) */
  buildingId: z.number().int(),
  building: z.string(),
  number: z.string(),
  areaCenti: z.number().int(),
  area: z.string(), // "89.50"
  kind: z.enum(['residential', 'commercial', 'parking']),
  status: z.enum(['sold', 'unsold', 'undelivered']),
  coOwners: z.number().int(), // current owners of the unit, the caller's owner included
});
export type MyUnitView = z.infer<typeof myUnitView>;
export const myUnitsResponse = z.object({ units: z.array(myUnitView), requests: z.array(bindingView) });
export type MyUnitsResponse = z.infer<typeof myUnitsResponse>;

export const estateForBinding = z.object({ id: z.number().int(), name: z.string(), district: z.string(), street: z.string() });
export type EstateForBinding = z.infer<typeof estateForBinding>;

// Account management (admin, 'account.manage') ------------------------------------------------

/** Roles an administrator may grant: every role but 'owner' (owners bind themselves). */
export const grantableRole = z.enum(ROLES).refine((r) => r !== 'owner', '业主角色由业主自行绑定，不能在此授予');
export const grantBody = z.object({
  role: grantableRole,
  scopeKind: z.enum(['estate', 'company', 'region', 'department']),
  scopeId: z.number().int().positive(),
});
export type GrantBody = z.infer<typeof grantBody>;
export const createAccountBody = z.object({
  username: z.string().trim().min(2, '用户名至少 2 个字符').max(64).optional(),
  phone: phoneNumber.optional(),
  displayName: z.string().trim().min(1, '请填写姓名').max(100),
  password: z.string().min(8, '密码至少 8 位').max(200),
  grants: z.array(grantBody).min(1, '至少授予一个角色').max(20),
});
export type CreateAccountBody = z.infer<typeof createAccountBody>;
export const listAccountsQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
});
export const accountView = z.object({
  id: z.number().int(),
  username: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  displayName: z.string(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  /** live grants inside the caller's scope (grants elsewhere are not shown) */
  grants: z.array(roleGrantView),
});
export type AccountView = z.infer<typeof accountView>;
export const accountPage = z.object({ items: z.array(accountView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
