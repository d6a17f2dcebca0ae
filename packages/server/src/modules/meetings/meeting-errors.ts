import type { FieldIssue } from '@gongzhi/contracts';
import { AppError } from '../../platform/errors.ts';

/** A 400 naming every bad field at once, so the convener can fix them in one go. */
export function fieldErrors(issues: FieldIssue[]): AppError {
  const first = issues[0]!;
  return new AppError('VALIDATION_FAILED', { message: `${first.field}: ${first.message}`, details: { issues } });
}

/** The domain names list entries 'items[1].seats'; the API names them like zod does: 'items.1.seats'. */
export const dottedField = (field: string, prefix = '') => `${prefix}${field.replace(/\[(\d+)\]/g, '.$1')}`;
