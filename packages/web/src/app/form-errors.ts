import type { FormInstance } from 'antd';
import { ApiError } from './api.ts';

/**
 * Puts the server's field errors (details.issues[].field like "body.areaCenti") on the form's
 * fields. Returns the message for the errors no field shows, or null when all were placed.
 */
export function applyFieldErrors(form: FormInstance, err: unknown): string | null {
  if (!(err instanceof ApiError)) return (err as Error)?.message ?? String(err);
  const known = new Set(Object.keys(form.getFieldsValue(true) ?? {}));
  const placed: { name: string; errors: string[] }[] = [];
  for (const issue of err.issues) {
    const name = issue.field.replace(/^(body|query|params|querystring)\./, '').split('.')[0];
    if (known.has(name)) placed.push({ name, errors: [issue.message] });
  }
  if (placed.length) form.setFields(placed);
  return placed.length && placed.length === err.issues.length ? null : err.message;
}
