// Small helpers for building scoped, paged list queries without string-concatenating values.

/** Escapes LIKE wildcards so that a search for "10_1" means exactly that. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
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
