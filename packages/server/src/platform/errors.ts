import { ERROR_CODES, type ErrorCode, type FieldIssue } from '@gongzhi/contracts';

/** An error a person can act on. Thrown anywhere; the HTTP layer turns it into { code, message, details }. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  /** overrides the catalogue's generic message (Chinese) */
  readonly zhMessage?: string;
  constructor(code: ErrorCode, opts: { message?: string; details?: unknown } = {}) {
    super(opts.message ?? ERROR_CODES[code].en);
    this.code = code;
    this.details = opts.details;
    this.zhMessage = opts.message;
  }
  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

/** A 400 naming the bad field(s). `message` is in Chinese, shown to the user. */
export function fieldError(field: string, message: string): AppError {
  const issues: FieldIssue[] = [{ field, message }];
  return new AppError('VALIDATION_FAILED', { message: `${field}: ${message}`, details: { issues } });
}

export const notFound = (what = '记录') => new AppError('NOT_FOUND', { message: `${what}不存在` });
export const forbidden = () => new AppError('FORBIDDEN');
