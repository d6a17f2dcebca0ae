// Money in the fund's Excel answers (movements, statements); the download headers are
// platform/download.ts.

/** fen → yuan as a number for a cell formatted '#,##0.00' (exact: fen / 100 is the nearest double) */
export const yuan = (fen: number) => fen / 100;
export const YUAN_FORMAT = '#,##0.00';
