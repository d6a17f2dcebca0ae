// What other modules (demo seeder, CLI) may use from identity.
export { createAccount, SYSTEM_ACTOR, MIN_PASSWORD_LENGTH, type CreateAccountInput, type GrantInput } from './create-account.ts';
export { createAdmin } from './create-admin.ts';
export { ensureOwnerGrant } from './ensure-owner-grant.ts';
export { listLiveGrants, loadMe, maskPhone } from './load-me.ts';
