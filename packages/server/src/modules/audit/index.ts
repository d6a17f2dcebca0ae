// What other modules (and the CLI) may use from audit.
export { appendAudit, verifyAuditChain, type AuditActor, type AuditInput, type VerifyResult } from '../../platform/audit.ts';
export { listAuditEvents, seesPlatformEvents } from './list-audit-events.ts';
