import type { NoticeCreateBody } from '@gongzhi/contracts';
import { checkPublicityPeriod, type NoticeKind } from '@gongzhi/domain';
import type { Db } from '../../platform/db.ts';
import { fieldError } from '../../platform/errors.ts';
import { checkAudienceTargets } from './notice-audience.ts';

// A draft's fields, checked the same way on create and on edit: the audience's buildings or units
// belong to the estate, the publicity dates fit (both are required only when publishing), and an
// expiry lies in the future.

export interface DraftFields {
  kind: NoticeKind; title: string; body: string; audience: NoticeCreateBody['audience'];
  buildingIds: number[]; unitIds: number[]; publicityStart: string | null; publicityEnd: string | null;
  expiresAt: string | null; pinned: boolean;
}

export async function checkDraft(db: Db, estateId: number, d: Omit<DraftFields, 'buildingIds' | 'unitIds'> & { buildingIds?: number[]; unitIds?: number[] }, now: Date): Promise<DraftFields> {
  const bad = checkPublicityPeriod(d, { draft: true });
  if (bad) throw fieldError(`body.${bad.field}`, bad.message);
  if (d.expiresAt != null && new Date(d.expiresAt).getTime() <= now.getTime()) throw fieldError('body.expiresAt', '过期时间须晚于现在');
  if (d.expiresAt != null && d.kind === 'publicity' && d.publicityEnd != null && new Date(d.expiresAt).getTime() < Date.parse(`${d.publicityEnd}T23:59:59+08:00`)) {
    throw fieldError('body.expiresAt', '公示在公示期结束前不能过期');
  }
  const targets = await checkAudienceTargets(db, { estateId, audience: d.audience, buildingIds: d.buildingIds, unitIds: d.unitIds });
  return { ...d, ...targets };
}
