import type { Db } from '../../platform/db.ts';

// Set-based bulk writes: ids are reserved from the table's own sequence first, so rows can
// refer to each other before they are written; then each table is one INSERT … SELECT FROM
// unnest(array, array, …), a single statement however many rows.

export async function reserveIds(db: Db, table: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  const r = await db.query(
    `SELECT nextval(pg_get_serial_sequence($1, 'id')) AS id FROM generate_series(1, $2::int)`,
    [table, count],
  );
  return r.rows.map((x) => Number(x.id));
}

/** columns: name → [postgres element type, values]; every values array has the same length. */
export async function insertColumns(db: Db, table: string, columns: Record<string, [type: string, values: unknown[]]>): Promise<void> {
  const names = Object.keys(columns);
  const lengths = new Set(names.map((n) => columns[n][1].length));
  if (lengths.size !== 1) throw new Error(`insertColumns(${table}): columns differ in length`);
  if ([...lengths][0] === 0) return;
  const arrays = names.map((n, i) => `$${i + 1}::${columns[n][0]}[]`).join(', ');
  await db.query(
    `INSERT INTO ${table} (${names.join(', ')}) SELECT * FROM unnest(${arrays})`,
    names.map((n) => columns[n][1]),
  );
}
