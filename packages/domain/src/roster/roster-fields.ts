// Small parsers for roster cells. Pure: no clock (callers pass "today"), no I/O.

/** Co-owners share a cell, separated by a full-width "；" or an ASCII ";". */
export function splitMulti(raw: string): string[] {
  const s = raw.trim();
  if (s === '') return [];
  return s.split(/[；;]/).map((x) => x.trim());
}

/** What our own export writes in place of an ID number: asterisks, then the last four characters. */
const MASKED_ID_RE = /^\*{4,}([0-9Xx]{4})$/;

/** "**************1234" → "1234"; anything else → null. */
export function maskedIdLast4(raw: string): string | null {
  const m = MASKED_ID_RE.exec(raw.trim());
  return m ? m[1].toUpperCase() : null;
}

export type DateProblem = 'format' | 'invalid' | 'future' | 'too_early';

/** "2020-01-05" or "2020/1/5" → "2020-01-05". A legal date between 1949-10-01 and today. */
export function parseRosterDate(raw: string, today: string): { ok: true; date: string } | { ok: false; problem: DateProblem } {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(raw.trim());
  if (!m) return { ok: false, problem: 'format' };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return { ok: false, problem: 'invalid' };
  const iso = `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (iso < '1949-10-01') return { ok: false, problem: 'too_early' };
  if (iso > today) return { ok: false, problem: 'future' };
  return { ok: true, date: iso };
}
