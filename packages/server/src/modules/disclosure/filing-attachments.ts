import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { fieldError, notFound } from '../../platform/errors.ts';
import { lockedError, ownFiling } from './filing-update.ts';

// Who may attach a file to a disclosure package (POST /attachments with recordType
// `disclosure_filing.<kind>`, kind contract | fee | contractor | other): its own party, in scope,
// and only while it is a draft — a filed package's files are part of what was filed (FILING_LOCKED;
// a new version takes new files). FOR UPDATE (in ownFiling) holds off filing until the upload commits.

export const FILING_ATTACHMENT_KINDS = ['contract', 'fee', 'contractor', 'other'] as const;

export async function assertFilingAttachable(db: Db, ctx: RequestContext, input: { recordType: string; recordId: string; estateId: number }): Promise<void> {
  const kind = input.recordType.split('.')[1];
  if (!FILING_ATTACHMENT_KINDS.includes(kind as 'other')) {
    throw fieldError('body.recordType', '附件类别应为 disclosure_filing.contract、fee、contractor 或 other');
  }
  if (!/^[1-9][0-9]{0,17}$/.test(input.recordId)) throw notFound('公示备案');
  const f = await ownFiling(db, ctx, Number(input.recordId), true);
  if (Number(f.estate_id) !== input.estateId) throw notFound('公示备案');
  if (f.state !== 'draft') throw lockedError(f);
}
