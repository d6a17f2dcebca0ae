import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { assertCasePhotoAttachable, assertCasePhotoReadable, CASE_PHOTO_POLICY } from '../cases/case-photos.ts';
import { assertFilingAttachable } from '../disclosure/filing-attachments.ts';
import { assertNoticeAttachable, assertNoticeReadable } from '../disclosure/notice-attachments.ts';
import { assertRevenueEntryAttachable } from '../disclosure/revenue-attachments.ts';

// Record types whose module decides who may attach a file to one of its records, and when (e.g.
// only to a draft). Looked up by the record type, then by its part before the first dot
// ("disclosure_filing.contract" → "disclosure_filing"). Other types: the estate scope alone.
// Each guard runs inside the upload's transaction and throws to refuse.

type Guard = (db: Db, ctx: RequestContext, input: { recordType: string; recordId: string; estateId: number }) => Promise<void>;

const GUARDS: Record<string, Guard> = {
  notice: assertNoticeAttachable,
  revenue_entry: assertRevenueEntryAttachable,
  disclosure_filing: assertFilingAttachable,
  case: assertCasePhotoAttachable,
  case_evidence: assertCasePhotoAttachable,
};

export async function assertRecordAttachable(db: Db, ctx: RequestContext, input: { recordType: string; recordId: string; estateId: number }): Promise<void> {
  const guard = GUARDS[input.recordType] ?? GUARDS[input.recordType.split('.')[0]!];
  if (guard) await guard(db, ctx, input);
}

// Record types whose module also decides who may see a record's files (a draft notice is its
// publisher's; a committee-only notice is not the owners'). Other types: the estate scope alone.
type ReadGuard = (db: Db, ctx: RequestContext, input: { recordType: string; recordId: string }) => Promise<void>;

const READ_GUARDS: Record<string, ReadGuard> = {
  notice: assertNoticeReadable,
  case: assertCasePhotoReadable,
  case_evidence: assertCasePhotoReadable,
};

export async function assertRecordReadable(db: Db, ctx: RequestContext, input: { recordType: string; recordId: string }): Promise<void> {
  const guard = READ_GUARDS[input.recordType] ?? READ_GUARDS[input.recordType.split('.')[0]!];
  if (guard) await guard(db, ctx, input);
}

// Record types whose own guards decide who may attach and read, without the estate scope first:
// a case is seen by a called-in department, whose grant reaches no estate (cases module). Their
// guards check the record's estate themselves.
const SCOPED_BY_GUARD = new Set(['case', 'case_evidence']);

export const scopedByGuard = (recordType: string): boolean => SCOPED_BY_GUARD.has(recordType);

/** Record types with upload rules of their own (accepted types, size), refusing with a message
 *  that names the file. Other types: PNG, JPEG or PDF up to the configured limit. */
export interface UploadPolicy {
  mimes: readonly string[];
  maxBytes: number;
  refuseType(filename: string): string;
  refuseSize(filename: string): string;
}

const UPLOAD_POLICIES: Record<string, UploadPolicy> = {
  case: CASE_PHOTO_POLICY,
  case_evidence: CASE_PHOTO_POLICY,
};

export const uploadPolicyFor = (recordType: string): UploadPolicy | undefined => UPLOAD_POLICIES[recordType];
