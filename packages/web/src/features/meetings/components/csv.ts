// Lists as CSV files that Excel opens directly (UTF-8 with a BOM so Chinese shows right). The web
// app has no spreadsheet library (exceljs is not a web dependency), and CSV needs none.

export type Cell = string | number | boolean | null | undefined;

function cell(v: Cell): string {
  const s = v === null || v === undefined ? '' : String(v);
  // a leading = + - @ would be read as a formula by Excel: quote it as text
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function downloadCsv(filename: string, header: string[], rows: Cell[][]): void {
  const text = '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** 12345 centi-m² → "123.45" (integer maths, no float rounding) */
export function areaNumber(centi: number | null | undefined): string {
  if (centi === null || centi === undefined) return '';
  const c = Math.abs(Math.trunc(centi));
  return `${centi < 0 ? '-' : ''}${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
}

/** part/whole as a percentage with two decimals, from integers ("66.67%"); "—" for an empty whole */
export function percent(part: number, whole: number): string {
  if (!whole) return '—';
  const bp = Math.floor((part * 10000) / whole);
  return `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;
}
