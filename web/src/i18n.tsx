// The UI's words, Chinese first, English second. Validation messages come from domain/messages.
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { translateMessage, type Locale } from '../../domain/messages';

const zh = {
  appTitle: '公共信用失信惩戒与信用修复办理系统',
  login: '登录',
  logout: '退出登录',
  username: '用户名',
  password: '密码',
  language: 'English',
  cases: '案件列表',
  newCase: '新建认定案件',
  temporalUi: '流程引擎控制台',
  caseNumber: '案号',
  subject: '失信主体',
  subjectName: '主体名称',
  subjectType: '主体类型',
  subjectCode: '统一社会信用代码 / 公民身份号码',
  subjectCodeHintOrg: '18 位统一社会信用代码（GB 32100）',
  subjectCodeHintPerson: '18 位公民身份号码（GB 11643）',
  listType: '名单类型',
  tier: '失信等级',
  basis: '认定依据',
  basisKind: '文书种类',
  basisNumber: '文书编号',
  basisIssuer: '作出机关',
  basisDate: '文书日期',
  reasons: '认定事由',
  submit: '提交',
  submitCase: '提交并送达告知书',
  state: '状态',
  deadline: '当前期限',
  deadlineNone: '无进行中的期限',
  workingDaysLeft: '剩余 {0} 个工作日',
  provisional: '暂定（该年度节假日安排尚未录入）',
  timeline: '办理记录',
  statements: '陈述申辩',
  fileStatement: '提交陈述申辩 / 异议',
  statementKind: '类型',
  content: '内容',
  review: '复核陈述申辩',
  accept: '采纳，不予列入',
  reject: '不予采纳，列入名单',
  reviewReasons: '复核意见',
  policy: '适用政策',
  noticeNumber: '告知书文号',
  listedAt: '列入时间',
  publicationEndsOn: '公示截止日',
  department: '认定部门',
  createdAt: '立案时间',
  empty: '暂无案件',
  loading: '加载中…',
  saved: '已提交',
  back: '返回列表',
  by: '经办',
  viewWorkflow: '在流程引擎中查看',
  filedOnBehalf: '（经办人代为登记）',
  calendar: '节假日安排（工作日日历）',
  year: '年度',
  date: '日期',
  dayKind: '类型',
  holidayName: '节日名称',
  addDay: '添加日期',
  remove: '删除',
  saveCalendar: '保存该年度安排',
  calendarEntered: '已录入',
  calendarMissing: '尚未录入：落在该年度的期限均为暂定',
  calendarSaved: '已保存；已通知 {0} 个进行中的案件重新计算期限',
};
type Key = keyof typeof zh;

const en: Record<Key, string> = {
  appTitle: 'Credit sanctions and credit repair',
  login: 'Sign in',
  logout: 'Sign out',
  username: 'Username',
  password: 'Password',
  language: '中文',
  cases: 'Cases',
  newCase: 'New designation case',
  temporalUi: 'Workflow console',
  caseNumber: 'Case number',
  subject: 'Subject',
  subjectName: 'Subject name',
  subjectType: 'Subject type',
  subjectCode: 'Unified social credit code / resident ID number',
  subjectCodeHintOrg: '18-character unified social credit code (GB 32100)',
  subjectCodeHintPerson: '18-digit resident ID number (GB 11643)',
  listType: 'List type',
  tier: 'Tier',
  basis: 'Basis',
  basisKind: 'Document kind',
  basisNumber: 'Document number',
  basisIssuer: 'Issuing body',
  basisDate: 'Document date',
  reasons: 'Reasons',
  submit: 'Submit',
  submitCase: 'File and serve the prior notice',
  state: 'State',
  deadline: 'Current deadline',
  deadlineNone: 'No running deadline',
  workingDaysLeft: '{0} working days left',
  provisional: 'provisional (holiday schedule for that year not yet entered)',
  timeline: 'Timeline',
  statements: 'Statements',
  fileStatement: 'File a statement / objection',
  statementKind: 'Kind',
  content: 'Content',
  review: 'Review the statement',
  accept: 'Accept: do not list',
  reject: 'Reject: list the subject',
  reviewReasons: 'Review opinion',
  policy: 'Policy',
  noticeNumber: 'Prior notice no.',
  listedAt: 'Listed at',
  publicationEndsOn: 'Publication ends',
  department: 'Department',
  createdAt: 'Filed at',
  empty: 'No cases yet',
  loading: 'Loading…',
  saved: 'Submitted',
  back: 'Back to the list',
  by: 'by',
  viewWorkflow: 'View in the workflow console',
  filedOnBehalf: '(entered by a caseworker)',
  calendar: 'Holiday schedule (working-day calendar)',
  year: 'Year',
  date: 'Date',
  dayKind: 'Kind',
  holidayName: 'Holiday',
  addDay: 'Add a day',
  remove: 'Remove',
  saveCalendar: "Save the year's schedule",
  calendarEntered: 'Entered',
  calendarMissing: 'Not entered: deadlines in this year are provisional',
  calendarSaved: 'Saved; {0} running cases were told to recompute their deadlines',
};

// Labels of the procedure's vocabulary.
const labels: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    ORGANISATION: '法人和非法人组织',
    PERSON: '自然人',
    MINOR: '轻微',
    GENERAL: '一般',
    SERIOUS: '严重',
    COURT_JUDGMENT: '人民法院生效判决、裁定',
    ARBITRAL_AWARD: '仲裁裁决',
    ADMINISTRATIVE_PENALTY: '行政处罚决定',
    ADMINISTRATIVE_RULING: '行政裁决',
    OTHER_LEGAL_DOCUMENT: '法律法规规定的其他文书',
    RECORDING: '登记中',
    NOTICE_PERIOD: '告知期内',
    IN_REVIEW: '陈述申辩复核中',
    LISTED: '已列入名单',
    CLOSED_NOT_LISTED: '不予列入（已办结）',
    REMOVED: '已移出名单',
    STATEMENT: '陈述申辩',
    OBJECTION: '异议',
    CASE_FILED: '立案登记',
    NOTICE_SERVED: '送达失信认定告知书',
    STATEMENT_FILED: '提交陈述申辩',
    OBJECTION_FILED: '提出异议',
    STATEMENT_ACCEPTED: '复核采纳陈述申辩',
    STATEMENT_REJECTED: '复核不予采纳',
    REMOVED_ON_EXPIRY: '公示期满自动移出',
    HOLIDAY: '放假',
    MAKEUP_WORKDAY: '调休上班',
    DEADLINE_RECOMPUTED: '节假日安排更新，期限重新计算',
    CASEWORKER: '经办人',
    SUPERVISOR: '审核人',
    COOPERATING_UNIT: '配合单位',
    PARTY: '当事人',
    ADMINISTRATOR: '系统',
  },
  en: {
    ORGANISATION: 'Organisation',
    PERSON: 'Natural person',
    MINOR: 'Minor',
    GENERAL: 'General',
    SERIOUS: 'Serious',
    COURT_JUDGMENT: 'Court judgment or ruling',
    ARBITRAL_AWARD: 'Arbitral award',
    ADMINISTRATIVE_PENALTY: 'Administrative penalty decision',
    ADMINISTRATIVE_RULING: 'Administrative ruling',
    OTHER_LEGAL_DOCUMENT: 'Other document named by law',
    RECORDING: 'Recording',
    NOTICE_PERIOD: 'Notice period',
    IN_REVIEW: 'Statement under review',
    LISTED: 'Listed',
    CLOSED_NOT_LISTED: 'Closed, not listed',
    REMOVED: 'Removed',
    STATEMENT: 'Statement',
    OBJECTION: 'Objection',
    CASE_FILED: 'Case filed',
    NOTICE_SERVED: 'Prior notice served',
    STATEMENT_FILED: 'Statement filed',
    OBJECTION_FILED: 'Objection filed',
    STATEMENT_ACCEPTED: 'Statement accepted',
    STATEMENT_REJECTED: 'Statement rejected',
    REMOVED_ON_EXPIRY: 'Removed on expiry',
    HOLIDAY: 'Holiday',
    MAKEUP_WORKDAY: 'Make-up working day',
    DEADLINE_RECOMPUTED: 'Deadline recomputed on the corrected calendar',
    CASEWORKER: 'Caseworker',
    SUPERVISOR: 'Supervisor',
    COOPERATING_UNIT: 'Cooperating unit',
    PARTY: 'Party',
    ADMINISTRATOR: 'System',
  },
};

interface I18n {
  locale: Locale;
  setLocale(l: Locale): void;
  t(key: Key, arg?: string | number): string;
  label(code: string): string;
  /** A validation message key from the shared schemas, in the user's language. */
  message(key: string | undefined): string | undefined;
  date(iso: string | null | undefined): string;
  dateTime(iso: string | null | undefined): string;
}

const Context = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => (localStorage.getItem('locale') === 'en' ? 'en' : 'zh-CN'));
  const value = useMemo<I18n>(() => {
    const dict = locale === 'en' ? en : zh;
    const dateFmt = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
    });
    const timeFmt = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    return {
      locale,
      setLocale(l) {
        localStorage.setItem('locale', l);
        document.documentElement.lang = l;
        setLocaleState(l);
      },
      t: (key, arg) => (arg === undefined ? dict[key] : dict[key].replace('{0}', String(arg))),
      label: (code) => labels[locale][code] ?? code,
      message: (key) => (key ? translateMessage(key, locale) : undefined),
      // A date-only value (YYYY-MM-DD…) is a calendar day already; print it as such.
      date: (iso) => (iso ? dateFmt.format(new Date(`${iso.slice(0, 10)}T00:00:00+08:00`)) : '—'),
      dateTime: (iso) => (iso ? timeFmt.format(new Date(iso)) : '—'),
    };
  }, [locale]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Context);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
