// Mainland mobile numbers (11 digits starting with 1) are personal data: lists show only the
// first three and last four digits, e.g. 138****1234.

export const MOBILE_PHONE_RE = /^1\d{10}$/;

export function isMobilePhone(raw: string): boolean {
  return MOBILE_PHONE_RE.test(raw.trim());
}

/** "138****1234": what maskPhone makes of a mobile number (an exported roster carries these). */
export const MASKED_PHONE_RE = /^1\d{2}\*{4}\d{4}$/;

/** "13812341234" → "138****1234"; anything shorter keeps only its last four characters. */
export function maskPhone(raw: string | null | undefined): string {
  if (!raw) return '';
  const s = raw.trim();
  if (s.length >= 11) return `${s.slice(0, 3)}****${s.slice(-4)}`;
  if (s.length <= 4) return '*'.repeat(s.length);
  return `${'*'.repeat(s.length - 4)}${s.slice(-4)}`;
}
