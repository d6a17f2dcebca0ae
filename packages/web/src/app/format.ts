// Areas are integers in hundredths of a square metre: format with integer maths, never floats.
export function formatArea(centi: number | null | undefined): string {
  if (centi === null || centi === undefined) return '—';
  const sign = centi < 0 ? '-' : '';
  const c = Math.abs(Math.trunc(centi));
  return `${sign}${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')} ㎡`;
}

export function formatDate(v: string | null | undefined): string {
  if (!v) return '';
  return v.slice(0, 10);
}

export function formatDateTime(v: string | null | undefined): string {
  if (!v) return '';
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return v;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
