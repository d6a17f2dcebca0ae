import type { CaseCategory, CaseLocationKind, CaseState } from './categories.ts';

// Likely duplicates (issue 6: "same place and category within a day") are suggested to staff, who
// may merge them. Same estate, same category, same place, both still running (open or in
// progress), and created within 24 hours of each other — INCLUSIVE: exactly 24 h apart still
// counts, 24 h and 1 ms does not. The SQL twin is `abs(extract(epoch from a.created_at -
// b.created_at)) <= 86400` (or `b.created_at BETWEEN a.created_at - interval '24 hours' AND
// a.created_at + interval '24 hours'`).

export const DUPLICATE_WINDOW_MS = 86_400_000;

/** Ids may come from pg as strings (bigint) or numbers. */
type Id = number | string;

export interface CaseLocation {
  locationKind: CaseLocationKind;
  unitId?: Id | null;
  buildingId?: Id | null;
  locationText?: string | null;
}

/**
 * The place of a case as one comparable string: 'unit:<id>', 'building:<id>', 'area:<text>' (the
 * common area's text trimmed of whitespace, full-width spaces included, and lower-cased, so
 * " 北门消防通道 " and "北门消防通道" are one place), or 'estate'. The SQL twin for common areas is
 * `'area:' || lower(btrim(location_text, E' \t\r\n\u3000'))`.
 */
export function caseLocationKey(loc: CaseLocation): string {
  switch (loc.locationKind) {
    case 'unit':
      if (loc.unitId == null) throw new RangeError('a unit case needs its unitId');
      return `unit:${loc.unitId}`;
    case 'building':
      if (loc.buildingId == null) throw new RangeError('a building case needs its buildingId');
      return `building:${loc.buildingId}`;
    case 'common_area':
      return `area:${(loc.locationText ?? '').replace(/^[\s\u3000]+|[\s\u3000]+$/g, '').toLowerCase()}`;
    case 'estate':
      return 'estate';
  }
}

export interface DuplicateCandidate extends CaseLocation {
  id?: Id;
  estateId: Id;
  category: CaseCategory;
  state: CaseState;
  createdAt: Date;
}

const RUNNING: readonly CaseState[] = ['open', 'in_progress'];

/** Whether two cases are likely the same matter (never a case with itself). */
export function isLikelyDuplicate(a: DuplicateCandidate, b: DuplicateCandidate): boolean {
  if (a.id !== undefined && b.id !== undefined && String(a.id) === String(b.id)) return false;
  if (String(a.estateId) !== String(b.estateId) || a.category !== b.category) return false;
  if (!RUNNING.includes(a.state) || !RUNNING.includes(b.state)) return false;
  if (Math.abs(a.createdAt.getTime() - b.createdAt.getTime()) > DUPLICATE_WINDOW_MS) return false;
  return caseLocationKey(a) === caseLocationKey(b);
}
