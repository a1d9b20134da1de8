// The audit trail (审计日志): every recorded action on the cases a supervisor's department files —
// an administrator's, on every case — searched by case, action, actor and days, paged newest
// first, and exported whole. Actions are said by their names and actors by theirs; the system's
// own steps as the system's (系统自动).
import { Router, type Request } from 'express';
import type { Db } from '../../activities/db';
import { auditPageSchema, auditQuerySchema } from '../../domain/api';
import { LOCALES, translate, translateCode } from '../../domain/i18n';
import { shanghaiDateTime } from '../../domain/workdays';
import type { CaseEvent, Prisma } from '../../generated/prisma/client';
import { endpoint } from '../endpoints';
import { batches, instantsOn, pageAnswer, pageArgs, searchOf, sendXlsx, uiText } from '../lists';
import { localeOf, say } from '../problem';

export function auditRoutes(db: Db): Router {
  const r = Router();

  const searched = (req: Request) => {
    const f = searchOf(req, auditQuerySchema);
    const user = req.user!;
    // The system is named 系统自动 (system) in the list: that name finds its steps.
    const system = !!f.actor && LOCALES.some((l) => translate(l, 'problem', 'systemActor').toLowerCase().includes(f.actor!.toLowerCase()));
    const where: Prisma.CaseEventWhereInput = {
      AND: [
        user.role === 'AUDITOR' ? {} : { case: { departmentId: user.departmentId ?? '-' } },
        f.q
          ? {
              case: {
                OR: [{ caseNumber: { contains: f.q } }, { subjectName: { contains: f.q } }, { subjectCode: f.q.toUpperCase() }],
              },
            }
          : {},
        f.action.length ? { action: { in: f.action } } : {},
        f.actor ? { OR: [{ actorId: { not: null }, actorName: { contains: f.actor } }, ...(system ? [{ actorId: null }] : [])] } : {},
        // A day is a Beijing day: from its 00:00 to the next day's 00:00.
        { at: instantsOn(f.from, f.to) },
      ],
    };
    const orderBy: Prisma.CaseEventOrderByWithRelationInput[] = [{ at: f.order }, { seq: f.order }];
    return { f, where, orderBy };
  };
  const include = {
    case: { select: { caseNumber: true, subjectName: true, department: { select: { name: true } } } },
  } as const;
  const entry = (req: Request, e: CaseEvent & { case: { caseNumber: string; subjectName: string; department: { name: string } } }) => ({
    id: e.id,
    at: e.at,
    caseId: e.caseId,
    caseNumber: e.case.caseNumber,
    subjectName: e.case.subjectName,
    department: e.case.department.name,
    action: e.action,
    actorName: e.actorId === null ? say(req, 'systemActor') : e.actorName,
    actorRole: e.actorId === null ? 'SYSTEM' : e.actorRole,
    reason: e.reason,
    detail: e.detail as Record<string, unknown>,
  });

  const list = {
    method: 'get',
    path: '/audit',
    tag: 'audit',
    // The auditor reads every department's trail and changes nothing; a supervisor the department's.
    // The administrator runs the system and reads no case, nor the trail that names them.
    roles: ['SUPERVISOR', 'AUDITOR'],
    access: { kind: 'AUDIT_LIST' },
    query: auditQuerySchema,
    response: auditPageSchema,
  } as const;
  endpoint(
    r,
    {
      ...list,
      summary: [
        '审计日志：本部门案件的全部办理记录（查询、分页，最新的在前）',
        "The audit trail of the department's cases, searched and paged, newest first",
      ],
    },
    async (req, res) => {
      const { f, where, orderBy } = searched(req);
      const [total, rows] = await Promise.all([
        db.caseEvent.count({ where }),
        db.caseEvent.findMany({ where, orderBy, ...pageArgs(f), include }),
      ]);
      res.json(
        pageAnswer(
          f,
          total,
          rows.map((e) => entry(req, e)),
        ),
      );
    },
  );

  const exported = { ...list, path: '/audit/export.xlsx', access: { kind: 'AUDIT_EXPORT' }, response: 'xlsx' } as const;
  endpoint(
    r,
    {
      ...exported,
      summary: ['导出审计日志查询结果（.xlsx，全部符合条件的记录）', 'Export the audit entries found (.xlsx, every one that matches)'],
    },
    async (req, res) => {
      const { where, orderBy } = searched(req);
      const label = (code: string) => translateCode(localeOf(req), 'label', code) ?? code;
      const columns = (
        [
          ['at', 'auditAtBeijing', 18],
          ['caseNumber', 'caseNumber', 24],
          ['subjectName', 'subjectName', 30],
          ['department', 'department', 30],
          ['action', 'auditAction', 24],
          ['actorName', 'auditActor', 20],
          ['actorRole', 'auditActorRole', 12],
          ['reason', 'auditReason', 50],
        ] as const
      ).map(([key, header, width]) => ({ key, width, header: uiText(req, header) }));
      const found = batches((page) => db.caseEvent.findMany({ where, orderBy, ...page, include }));
      await sendXlsx(res, uiText(req, 'auditExportName'), columns, found, (e) => {
        const v = entry(req, e);
        return {
          at: shanghaiDateTime(v.at),
          caseNumber: v.caseNumber,
          subjectName: v.subjectName,
          department: v.department,
          action: label(v.action),
          actorName: v.actorName,
          actorRole: v.actorRole === 'SYSTEM' ? '' : label(v.actorRole),
          reason: v.reason ?? '',
        };
      });
    },
  );
  return r;
}
