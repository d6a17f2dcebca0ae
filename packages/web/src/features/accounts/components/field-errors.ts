import type { FormInstance } from 'antd';
import { ApiError } from '../../../app/api.ts';

/** Puts the server's field errors on the form: "body.grants.0.scopeId" lands on "scopeId", since
 *  the form edits one grant. Returns the message no field shows, or null. */
export function applyAccountErrors(form: FormInstance, err: unknown): string | null {
  if (!(err instanceof ApiError)) return (err as Error)?.message ?? String(err);
  const known = new Set(Object.keys(form.getFieldsValue(true) ?? {}));
  const placed: { name: string; errors: string[] }[] = [];
  for (const issue of err.issues) {
    const parts = issue.field.replace(/^(body|query|params)\./, '').split('.');
    const name = parts[0] === 'grants' ? (parts[2] === 'scopeKind' ? 'scopeId' : parts[2] ?? 'role') : parts[0];
    if (known.has(name)) placed.push({ name, errors: [issue.message] });
  }
  if (placed.length) form.setFields(placed);
  return placed.length && placed.length === err.issues.length ? null : err.message;
}
