// One catalogue of error codes. Every 4xx/5xx body is { code, message, details? }; the message
// is in the request's language (zh-CN by default). Add a code here before using it.

export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, zh: '输入有误', en: 'Invalid input' },
  BAD_JSON: { status: 400, zh: '请求内容不是有效的 JSON', en: 'Request body is not valid JSON' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  SESSION_EXPIRED: { status: 401, zh: '登录已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  BAD_CREDENTIALS: { status: 401, zh: '账号或密码错误', en: 'Wrong account or password' },
  MFA_REQUIRED: { status: 401, zh: '需要短信验证码完成登录', en: 'A one-time code is required to finish signing in' },
  BAD_CODE: { status: 400, zh: '验证码错误或已过期', en: 'The code is wrong or has expired' },
  ACCOUNT_LOCKED: { status: 423, zh: '登录失败次数过多，账号已临时锁定', en: 'Too many failed sign-ins; the account is temporarily locked' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  CROSS_SITE_REQUEST: { status: 403, zh: '请求来自其他网站，已拒绝；请在本站页面中操作', en: 'Refused: the request came from another site' },
  NOT_FOUND: { status: 404, zh: '记录不存在', en: 'Not found' },
  CONFLICT: { status: 409, zh: '记录已存在或已被修改', en: 'The record already exists or has changed' },
  INVALID_TRANSITION: { status: 409, zh: '当前状态下不能执行此操作', en: 'This action is not allowed in the current state' },
  IMPORT_INVALID: { status: 422, zh: '导入文件有错误，未导入任何数据', en: 'The file has errors; nothing was imported' },
  FILE_REJECTED: { status: 400, zh: '文件类型或大小不符合要求', en: 'File type or size not accepted' },
  INVITATION_INVALID: { status: 400, zh: '邀请码无效、已使用或已过期', en: 'The invitation code is invalid, used or expired' },
  ROSTER_NO_MATCH: { status: 400, zh: '未在业主名册中找到匹配的记录', en: 'No matching owner in the roster' },
  SECOND_PERSON_REQUIRED: { status: 403, zh: '须由录入人以外的另一人确认', en: 'A second person, not the one who entered it, must confirm' },
  RESULT_NOT_AVAILABLE: { status: 409, zh: '表决结果尚不可查看', en: 'The result is not available yet' },
  VOTING_NOT_OPEN: { status: 409, zh: '不在投票时间内，不能投票', en: 'Voting is not open for this meeting' },
  BALLOT_FINAL: { status: 409, zh: '本次会议投票后不能更改', en: 'Ballots of this meeting cannot be changed once cast' },
  IDEMPOTENCY_KEY_REUSED: { status: 409, zh: '该请求编号已用于另一份不同的投票', en: 'This Idempotency-Key was used for a different request' },
  FUND_INSUFFICIENT_BALANCE: { status: 422, zh: '维修资金余额不足', en: 'The maintenance fund balance is not enough' },
  FUND_STAGE_ALREADY_PAID: { status: 409, zh: '该阶段款项已拨付，不能重复拨付', en: 'This stage has already been paid' },
  FUND_NOT_EMERGENCY: { status: 422, zh: '不属于本市应急维修目录，请按一般程序申请', en: "Not in the city's emergency list; use the ordinary procedure" },
  REVENUE_UNBALANCED: { status: 422, zh: '公共收益账目不平衡', en: 'The common-revenue accounts do not balance' },
  REVENUE_PERIOD_CLOSED: { status: 409, zh: '该期间的公共收益报表已公布，不能再记入', en: 'A statement for this period has been published' },
  CASE_ALREADY_ESCALATED: { status: 409, zh: '该案件已从当前层级升级过，每一层级只能升级一次', en: 'This case has already been escalated from its current level' },
  CASE_LEVEL_SKIP: { status: 422, zh: '案件只能升级到下一层级，不能越级', en: 'A case can only be escalated to the next level' },
  FILING_LOCKED: { status: 409, zh: '该期公示备案已报送，修改须另行生成新版本', en: 'This filing has been filed; changes need a new version' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** A field-level problem: `field` is the path in the request (e.g. "body.areaCenti"). */
export interface FieldIssue {
  field: string;
  message: string;
}
