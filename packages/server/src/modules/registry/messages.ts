import type { CreditCodeProblem, IdNumberProblem } from '@gongzhi/domain';

// Chinese reasons for the domain validators' verdicts, shown next to the field.
export const ID_NUMBER_PROBLEM_ZH: Record<IdNumberProblem, string> = {
  format: '身份证号码格式不正确，应为18位（前17位为数字，末位为数字或X）',
  birth_date: '身份证号码中的出生日期无效',
  check_digit: '身份证号码校验位不正确，请核对',
};

export const CREDIT_CODE_PROBLEM_ZH: Record<CreditCodeProblem, string> = {
  format: '统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）',
  check_digit: '统一社会信用代码校验位不正确，请核对',
};
