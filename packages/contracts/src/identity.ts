import { z } from 'zod';
import { ROLES, PERMISSIONS } from './permissions.ts';

export const roleGrantView = z.object({
  id: z.number().int(),
  role: z.enum(ROLES),
  scopeKind: z.enum(['estate', 'company', 'region', 'owner']),
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
});
export type MeView = z.infer<typeof meView>;
