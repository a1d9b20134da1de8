// Validation messages in the user's language. A message key may carry one argument after a colon
// ("text.min:10"); `{0}` in the text is replaced by it.
export type Locale = 'zh-CN' | 'en';

const zh: Record<string, string> = {
  required: '必填项',
  'text.min': '至少填写 {0} 个字',
  'text.max': '不能超过 {0} 个字',
  'date.format': '日期格式应为 YYYY-MM-DD',
  'date.future': '文书日期不能晚于今天',
  'date.nonexistent': '该日期不存在，请核对',
  'date.range': '日期应在 1949-10-01 至 2100-12-31 之间',
  'text.invalidCharacters': '含有无法保存的字符（控制字符或残缺的字符），请删除后重新输入',
  'code.charset': '只能包含字母、数字和常用符号，不能有空格或全角字符',
  'uscc.length': '统一社会信用代码应为 18 位',
  'uscc.charset': '统一社会信用代码含有非法字符（不使用 I、O、Z、S、V）',
  'uscc.registrationAuthority': '统一社会信用代码第 1–2 位（登记管理部门和机构类别）无效',
  'uscc.division': '统一社会信用代码第 3–8 位应为行政区划码',
  'uscc.organisationCheck': '统一社会信用代码第 9–17 位（组织机构代码）校验不通过',
  'uscc.check': '统一社会信用代码校验位错误，请核对',
  'residentId.length': '公民身份号码应为 18 位',
  'residentId.charset': '公民身份号码应为 17 位数字加 1 位数字或 X',
  'residentId.division': '公民身份号码前 6 位应为行政区划码',
  'residentId.organisationCheck': '公民身份号码无效',
  'residentId.registrationAuthority': '公民身份号码无效',
  'residentId.birthDate': '公民身份号码中的出生日期无效',
  'residentId.check': '公民身份号码校验码错误，请核对',
  'calendar.year': '年份应在 2004–2100 之间',
  'calendar.empty': '请录入该年度的节假日和调休上班日',
  'calendar.wrongYear': '日期不在所选年份内',
  'calendar.duplicate': '同一日期录入了两次',
  'calendar.makeUpNotWeekend': '调休上班日应为周六或周日',
  'responsible.tooMany': '责任人员最多 20 名',
  'responsible.duplicate': '同一人员以同一身份登记了两次',
  'responsible.legalRepresentative': '法人和非法人组织应登记法定代表人',
  'responsible.onlyOrganisations': '自然人无需登记责任人员',
  'leniency.reasons': '主张从轻处理的，请写明理由（至少 10 个字）',
  'leniency.minorIsPerson': '“未成年人”仅适用于自然人',
  'measures.notInCatalogue': '所选措施不在该名单类型的推荐性措施清单中',
  'policy.integer': '应为整数',
  'policy.min': '至少为 1',
  'policy.max': '不能超过 {0}',
  'policy.nonNegative': '不能为负数',
  'policy.maxBelowMin': '最长公示期限不能短于最短公示期限',
  'reasons.required': '请写明理由（至少 5 个字）',
  'objection.correction': '请写明更正后的内容（至少 10 个字）',
  'repair.commitment': '请签署信用承诺',
  invalid: '填写有误',
};

const en: Record<string, string> = {
  required: 'Required',
  'text.min': 'Enter at least {0} characters',
  'text.max': 'Enter at most {0} characters',
  'date.format': 'Use the format YYYY-MM-DD',
  'date.future': 'The document date cannot be later than today',
  'date.nonexistent': 'This date does not exist; check it',
  'date.range': 'The date must be between 1949-10-01 and 2100-12-31',
  'text.invalidCharacters':
    'Contains characters that cannot be stored (control characters or a broken character); remove them and type again',
  'code.charset': 'Letters, digits and common symbols only, without spaces or full-width characters',
  'uscc.length': 'A unified social credit code has 18 characters',
  'uscc.charset': 'The unified social credit code has a character that is not allowed (I, O, Z, S, V are never used)',
  'uscc.registrationAuthority': 'Characters 1–2 (registration authority and type) are not valid',
  'uscc.division': 'Characters 3–8 must be an administrative division code',
  'uscc.organisationCheck': 'Characters 9–17 (organisation code) fail their check',
  'uscc.check': 'The check character of the unified social credit code is wrong',
  'residentId.length': 'A resident ID number has 18 characters',
  'residentId.charset': 'A resident ID number is 17 digits followed by a digit or X',
  'residentId.division': 'The first 6 digits must be an administrative division code',
  'residentId.organisationCheck': 'The resident ID number is not valid',
  'residentId.registrationAuthority': 'The resident ID number is not valid',
  'residentId.birthDate': 'The date of birth in the resident ID number is not valid',
  'residentId.check': 'The check digit of the resident ID number is wrong',
  'calendar.year': 'The year must be between 2004 and 2100',
  'calendar.empty': "Enter the year's holidays and make-up working days",
  'calendar.wrongYear': 'The date is not in the chosen year',
  'calendar.duplicate': 'This date is entered twice',
  'calendar.makeUpNotWeekend': 'A make-up working day falls on a Saturday or Sunday',
  'responsible.tooMany': 'At most 20 responsible persons',
  'responsible.duplicate': 'The same person is entered twice in the same role',
  'responsible.legalRepresentative': "Record the organisation's legal representative",
  'responsible.onlyOrganisations': 'Responsible persons are recorded for organisations only',
  'leniency.reasons': 'Give the reasons for lenient handling (at least 10 characters)',
  'leniency.minorIsPerson': '"Minor" applies to natural persons only',
  'measures.notInCatalogue': 'A chosen measure is not a recommended measure of this list type in the catalogue',
  'policy.integer': 'Must be a whole number',
  'policy.min': 'Must be at least 1',
  'policy.max': 'Must be at most {0}',
  'policy.nonNegative': 'Cannot be negative',
  'policy.maxBelowMin': 'The maximum publication cannot be shorter than the minimum',
  'reasons.required': 'Give the reasons (at least 5 characters)',
  'objection.correction': 'Give the corrected content (at least 10 characters)',
  'repair.commitment': 'Sign the credit commitment',
  invalid: 'Not valid',
};

const dictionaries: Record<Locale, Record<string, string>> = { 'zh-CN': zh, en };

export function translateMessage(key: string, locale: Locale): string {
  const [name, arg] = key.split(':', 2) as [string, string | undefined];
  const dict = dictionaries[locale];
  const text = dict[name] ?? dict[key] ?? dict.invalid!;
  return arg === undefined ? text : text.replace('{0}', arg);
}

/** Picks zh-CN unless the client clearly prefers English. */
export function localeFromHeader(acceptLanguage: string | undefined): Locale {
  return acceptLanguage?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}
