import type { Permission, Role, ScopeKind } from '@gongzhi/contracts';
import { ROLE_PERMISSIONS } from '@gongzhi/contracts';
import type { AuditActor } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { EMPTY_SCOPE, type Scope } from '../scope.ts';

export interface ActiveGrant {
  id: number;
  role: Role;
  scopeKind: ScopeKind;
  scopeId: number | null;
}

/** Who is calling, as which role, reaching what. Built once per request by the auth hook. */
export class RequestContext {
  constructor(
    readonly ip: string,
    readonly lang: 'zh' | 'en',
    readonly accountId: number | null = null,
    readonly sessionIdHash: string | null = null,
    readonly grant: ActiveGrant | null = null,
    readonly scope: Scope = EMPTY_SCOPE,
    readonly mfaPassed = false,
    /** the registry version at the start of this request (see platform/read-cache.ts) */
    readonly registryVersion: number | null = null,
  ) {}

  get authenticated(): boolean {
    return this.accountId !== null;
  }

  get role(): Role | null {
    return this.grant?.role ?? null;
  }

  get permissions(): readonly Permission[] {
    return this.grant ? ROLE_PERMISSIONS[this.grant.role] : [];
  }

  can(p: Permission): boolean {
    return this.permissions.includes(p);
  }

  require(p: Permission): void {
    if (!this.authenticated) throw new AppError('UNAUTHENTICATED');
    if (!this.can(p)) throw new AppError('FORBIDDEN');
  }

  /** Records outside the caller's scope are reported as absent: existence is not leaked. */
  assertEstate(estateId: number | null | undefined, what?: string): void {
    if (estateId == null || !this.scope.estateIds.includes(Number(estateId))) throw notFound(what);
  }

  /** Owners reach only their own units inside their estates. */
  assertUnit(unitId: number, estateId: number, what?: string): void {
    this.assertEstate(estateId, what);
    if (this.scope.unitIds && !this.scope.unitIds.includes(Number(unitId))) throw notFound(what);
  }

  actor(): AuditActor {
    return { accountId: this.accountId, role: this.grant?.role ?? null, ip: this.ip };
  }
}
