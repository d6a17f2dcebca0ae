// Small helpers for building scoped, paged list queries without string-concatenating values.

/** Escapes LIKE wildcards so that a search for "10_1" means exactly that. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * ORDER BY terms that sort names the way people count: 2号楼 before 10号楼 (text order puts
 * 10号楼 first). The first digit run is compared as a number, without a cast: leading zeros
 * dropped, then shorter is smaller, then digit by digit in the C collation, so a run of any length
 * neither overflows an int nor gets cut. Names without digits come after, then the name decides.
 */
export function naturalOrder(column: string): string {
  const digits = `ltrim(substring(${column} from '[0-9]+'), '0')`;
  return `length(${digits}) NULLS LAST, ${digits} COLLATE "C", ${column}`;
}

/** Collects WHERE clauses and their positional parameters. */
export class Where {
  readonly params: unknown[] = [];
  private readonly clauses: string[] = [];

  /** Adds a parameter and returns its placeholder ($n). */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** `clause` may use `?` once for `value`'s placeholder. */
  add(clause: string, ...values: unknown[]): this {
    let i = 0;
    this.clauses.push(clause.replace(/\?/g, () => this.param(values[i++])));
    return this;
  }

  sql(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

export interface Paging {
  page: number;
  pageSize: number;
}

export const offsetOf = (p: Paging) => (p.page - 1) * p.pageSize;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
