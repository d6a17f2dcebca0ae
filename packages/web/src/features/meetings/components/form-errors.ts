import type { FormInstance } from 'antd';
import { ApiError } from '../../../app/api.ts';

type NamePath = (string | number)[];

/** "body.items.0.candidates.1.name" or "items[0].seats" → ['items', 0, 'candidates', 1, 'name'] */
export function issuePath(field: string): NamePath {
  return field
    .replace(/^(body|query|params|querystring)\./, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Puts the server's field errors on the right field of a form with nested lists (items and their
 * candidates): the longest registered name path that starts the issue's path gets the message
 * ("items.0.candidates" lands on the candidates list's own error line). Returns the message for
 * the errors no field shows, or null when all were placed.
 */
export function applyNestedErrors(form: FormInstance, err: unknown, aliases: Record<string, string> = {}): string | null {
  if (!(err instanceof ApiError)) return (err as Error)?.message ?? String(err);
  const registered = form.getFieldsError().map((f) => f.name as NamePath);
  const key = (p: NamePath) => p.join('.');
  const known = new Map(registered.map((p) => [key(p), p]));
  const placed = new Map<string, { name: NamePath; errors: string[] }>();
  let unplaced = 0;
  for (const issue of err.issues) {
    let path = issuePath(issue.field);
    if (typeof path[0] === 'string' && aliases[path[0]]) path = [aliases[path[0]], ...path.slice(1)];
    let hit: NamePath | undefined;
    for (let n = path.length; n > 0 && !hit; n--) hit = known.get(key(path.slice(0, n)));
    if (!hit) {
      unplaced++;
      continue;
    }
    const k = key(hit);
    const entry = placed.get(k) ?? { name: hit, errors: [] };
    entry.errors.push(issue.message);
    placed.set(k, entry);
  }
  if (placed.size) form.setFields([...placed.values()]);
  return placed.size && unplaced === 0 ? null : err.message;
}
