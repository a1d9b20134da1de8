// 查询使用登记 (001 §(八)2): what the access log records of each read of a subject's record — what
// was read, why (查询事由, asked of the office's staff before they read a natural person's record),
// by whom and with what outcome. Words for every code are in the catalogue's ui section
// (`accessKind.*`, `accessPurpose.*`, `accessOutcome.*`, `accessActor.*`).
import { z } from 'zod';
import type { Role } from './vocabulary';

/** What a reading route reads: one per route, declared with it (api/endpoints.ts `access`). */
export const ACCESS_KINDS = [
  'CASE', // 案件详情
  'CASE_DOCUMENT', // 下载文书
  'CASE_PREVIEW', // 文书样稿
  'CASE_ATTACHMENT', // 下载证据材料
  'CASE_EXECUTION', // 配合单位执行情况
  'CASE_MY_MEASURES', // 当事人的惩戒措施
  'CASE_LIST', // 案件查询
  'CASE_EXPORT', // 导出案件
  'SUBJECT_RECORD', // 主体信用记录
  'UNIT_LOOKUP', // 配合单位系统查询主体
  'PUBLIC_LOOKUP', // 信用公示查询
  'PUBLIC_EXPORT', // 导出公示查询结果
  'INBOX', // 配合单位收件箱
  'INBOX_EXPORT', // 导出收件箱
  'DEADLINE_LIST', // 期限监控
  'DEADLINE_EXPORT', // 导出期限监控
  'STUCK_CASES', // 办理受阻的案件
  'INTERVIEWS_DUE', // 应约谈的主体
  'UNIT_DEADLINES', // 配合单位期限
  'WORKBENCH', // 工作台
  'DASHBOARD', // 统计分析
  'DASHBOARD_EXPORT', // 导出统计
  'DASHBOARD_REPORT', // 月度报告
  'WEBHOOK_DELIVERIES', // 推送投递记录
  'AUDIT_LIST', // 审计日志
  'AUDIT_EXPORT', // 导出审计日志
  'ACCESS_LOG', // 查询日志
  'ACCESS_LOG_EXPORT', // 导出查询日志
  'USER_ACCOUNTS', // 用户管理（当事人账户载明其主体代码）
  'ADMIN_CHANGES', // 管理变更记录（当事人账户的变更载明其主体代码）
  'IMPORT_PREVIEW', // 批量导入预览（核对在办案件）
  'IMPORT_LIST', // 导入批次
  'IMPORT_BATCH', // 导入批次详情
] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

/** 查询事由: why a member of staff reads a natural person's record. */
export const ACCESS_PURPOSES = [
  'CASE_HANDLING', // 案件办理
  'CREDIT_REVIEW', // 信用审查
  'OBJECTION_CHECK', // 异议核实
  'OTHER', // 其他（须写明）
] as const;
export type AccessPurpose = (typeof ACCESS_PURPOSES)[number];

export const ACCESS_OUTCOMES = ['ALLOWED', 'REFUSED'] as const;
export type AccessOutcome = (typeof ACCESS_OUTCOMES)[number];

/** Who read: a signed-in user, a cooperating unit's system by its API key, or anyone (not signed in). */
export const ACCESS_ACTORS = ['USER', 'UNIT_KEY', 'PUBLIC'] as const;
export type AccessActor = (typeof ACCESS_ACTORS)[number];

/** The header that carries the purpose of a read: `CODE` or `CODE:words`, the words URL-encoded. */
export const PURPOSE_HEADER = 'X-Access-Purpose';
/** The longest a purpose's own words may be. */
export const PURPOSE_NOTE_MAX = 200;

/** The purpose as given: its code, and its words (required for OTHER). */
export const accessPurposeSchema = z
  .object({
    purpose: z.enum(ACCESS_PURPOSES, 'purpose.unknown'),
    note: z.string().trim().max(PURPOSE_NOTE_MAX, 'purpose.tooLong').optional(),
  })
  .refine((p) => p.purpose !== 'OTHER' || !!p.note, { message: 'purpose.noteRequired', path: ['note'] });
export type GivenPurpose = z.infer<typeof accessPurposeSchema>;

/** The header's value for a purpose (what the web app sends). */
export const purposeHeaderValue = (p: GivenPurpose): string => (p.note ? `${p.purpose}:${encodeURIComponent(p.note)}` : p.purpose);

/** The purpose a header's value gives; a value that cannot be read gives its reason (a message code). */
export function parsePurposeHeader(value: string): { ok: true; value: GivenPurpose } | { ok: false; code: string } {
  const at = value.indexOf(':');
  let note: string | undefined;
  try {
    note = at < 0 ? undefined : decodeURIComponent(value.slice(at + 1)) || undefined;
  } catch {
    return { ok: false, code: 'purpose.encoding' };
  }
  const parsed = accessPurposeSchema.safeParse({ purpose: at < 0 ? value.trim() : value.slice(0, at).trim(), note });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, code: parsed.error.issues[0]!.message };
}

/** The office's staff, whose reads of a natural person's record must say why. */
export const PURPOSE_ROLES: readonly Role[] = ['CASEWORKER', 'SUPERVISOR', 'ADMINISTRATOR'];
