// Deadline watch (期限监控): every running deadline of the department's cases, nearest first, with
// working days left — and those the office has let pass, marked overdue until the step is taken;
// and the cases whose own processing keeps failing (stuck), for someone to look into.
import { Router } from 'express';
import type { Db } from '../../activities/db';
import { workingDaysLeftFn } from '../../activities/calendar';
import { z } from 'zod';
import { deadlinePageSchema, deadlineQuerySchema, interviewDueSchema, stuckCaseSchema } from '../../domain/api';
import { translateCode } from '../../domain/i18n';
import type { CaseDeadline, Prisma } from '../../generated/prisma/client';
import { endpoint } from '../endpoints';
import { listTypeFacts } from '../list-types';
import { batches, pageAnswer, pageArgs, searchOf, sendXlsx, uiText } from '../lists';
import { localeOf } from '../problem';

/** A running deadline as the watch shows it: its last day, overdue or the working days left. */
export function watchedDeadline<C>(d: CaseDeadline & { case: C }, left: (day: Date) => number | null, now = Date.now()) {
  return {
    id: d.id,
    kind: d.kind,
    dueDate: d.dueDate.toISOString().slice(0, 10),
    dueAt: d.dueAt,
    provisional: d.provisional,
    workingDays: d.workingDays,
    overdue: d.status === 'OVERDUE' || d.dueAt.getTime() <= now,
    workingDaysLeft: left(d.dueDate) ?? 0,
    case: d.case,
  };
}

export function deadlineRoutes(db: Db): Router {
  const r = Router();
  // The department's staff watch its deadlines; the administrator, who reads no case, sees only
  // which cases' own processing keeps failing, by number (to look into it in the engine's console).
  const staff = ['CASEWORKER', 'SUPERVISOR'] as const;

  /** The running deadlines of the department's cases that the search form asks for. */
  const searched = (req: Parameters<typeof searchOf>[0]) => {
    const f = searchOf(req, deadlineQuerySchema);
    const user = req.user!;
    const now = new Date();
    const passed: Prisma.CaseDeadlineWhereInput = { OR: [{ status: 'OVERDUE' }, { dueAt: { lte: now } }] };
    const where: Prisma.CaseDeadlineWhereInput = {
      AND: [
        { closedAt: null },
        { case: { departmentId: user.departmentId ?? '-' } },
        f.q
          ? {
              case: {
                OR: [{ subjectName: { contains: f.q } }, { subjectCode: f.q.toUpperCase() }, { caseNumber: { contains: f.q } }],
              },
            }
          : {},
        f.listType ? { case: { listType: f.listType } } : {},
        f.kind.length ? { kind: { in: f.kind } } : {},
        f.overdue === true ? passed : f.overdue === false ? { NOT: passed } : {},
        // A due day is the deadline's own calendar day (it ends at 24:00 Beijing time).
        f.from ? { dueDate: { gte: new Date(`${f.from}T00:00:00Z`) } } : {},
        f.to ? { dueDate: { lte: new Date(`${f.to}T00:00:00Z`) } } : {},
      ],
    };
    const orderBy: Prisma.CaseDeadlineOrderByWithRelationInput[] = [
      f.sort === 'caseNumber' ? { case: { caseNumber: f.order } } : { dueAt: f.order },
      { id: 'asc' },
    ];
    return { f, where, orderBy };
  };
  const include = {
    case: { select: { id: true, caseNumber: true, subjectName: true, subjectCode: true, listType: true, state: true } },
  } as const;

  const watch = {
    method: 'get',
    path: '/deadlines',
    tag: 'deadlines',
    roles: staff,
    access: { kind: 'DEADLINE_LIST' },
    query: deadlineQuerySchema,
    response: deadlinePageSchema,
  } as const;
  endpoint(
    r,
    {
      ...watch,
      summary: [
        '期限监控：本部门进行中的期限（查询、分页，最近的在前）',
        "The department's running deadlines, searched and paged, nearest first",
      ],
    },
    async (req, res) => {
      const { f, where, orderBy } = searched(req);
      const [total, rows] = await Promise.all([
        db.caseDeadline.count({ where }),
        db.caseDeadline.findMany({ where, orderBy, ...pageArgs(f), include }),
      ]);
      const [left, lists] = await Promise.all([workingDaysLeftFn(db), listTypeFacts(db)]);
      res.json(
        pageAnswer(
          f,
          total,
          rows.map((d) => watchedDeadline({ ...d, case: { ...d.case, ...lists(d.case.listType) } }, left)),
        ),
      );
    },
  );

  const exported = { ...watch, path: '/deadlines/export.xlsx', access: { kind: 'DEADLINE_EXPORT' }, response: 'xlsx' } as const;
  endpoint(
    r,
    {
      ...exported,
      summary: ['导出期限监控查询结果（.xlsx，全部符合条件的期限）', 'Export the deadlines found (.xlsx, every one that matches)'],
    },
    async (req, res) => {
      const { where, orderBy } = searched(req);
      const [left, lists] = await Promise.all([workingDaysLeftFn(db), listTypeFacts(db)]);
      const label = (code: string) => translateCode(localeOf(req), 'label', code) ?? code;
      const columns = (
        [
          ['caseNumber', 'caseNumber', 24],
          ['subjectName', 'subjectName', 30],
          ['subjectCode', 'subjectCode', 22],
          ['listTypeName', 'listType', 30],
          ['state', 'state', 22],
          ['kind', 'deadline', 22],
          ['dueDate', 'listDueDay', 14],
          ['standing', 'listStanding', 16],
        ] as const
      ).map(([key, header, width]) => ({ key, width, header: uiText(req, header) }));
      const found = batches((page) => db.caseDeadline.findMany({ where, orderBy, ...page, include }));
      await sendXlsx(res, uiText(req, 'deadlinesExportName'), columns, found, (row) => {
        const d = watchedDeadline(row, left);
        return {
          caseNumber: d.case.caseNumber,
          subjectName: d.case.subjectName,
          subjectCode: d.case.subjectCode,
          listTypeName: lists(d.case.listType).listTypeName,
          state: label(d.case.state),
          kind: label(d.kind) + (d.provisional ? `（${uiText(req, 'provisionalShort')}）` : ''),
          dueDate: d.dueDate,
          standing: d.overdue ? uiText(req, 'overdueShort') : uiText(req, 'workingDaysLeft', d.workingDaysLeft),
        };
      });
    },
  );

  const stuck = {
    method: 'get',
    path: '/deadlines/stuck',
    tag: 'deadlines',
    roles: [...staff, 'ADMINISTRATOR'],
    access: { kind: 'STUCK_CASES' },
    response: z.array(stuckCaseSchema),
  } as const;
  endpoint(r, { ...stuck, summary: ['处理受阻的案件', 'Cases whose own processing keeps failing'] }, async (req, res) => {
    const user = req.user!;
    const rows = await db.stuckActivity.findMany({
      where: user.role === 'ADMINISTRATOR' ? {} : { case: { departmentId: user.departmentId ?? '-' } },
      orderBy: { since: 'asc' },
      include: { case: { select: { id: true, caseNumber: true, subjectName: true, state: true } } },
    });
    const operator = user.role === 'ADMINISTRATOR';
    res.json(rows.map(({ caseId: _caseId, case: c, ...row }) => ({ ...row, case: operator ? { ...c, subjectName: null } : c })));
  });
  const interviews = {
    method: 'get',
    path: '/deadlines/interviews',
    tag: 'deadlines',
    roles: staff,
    access: { kind: 'INTERVIEWS_DUE' },
    response: z.array(interviewDueSchema),
  } as const;
  endpoint(
    r,
    { ...interviews, summary: ['逾期未整改、应约谈的失信主体', 'Listed subjects not rectified in time, due an interview'] },
    async (req, res) => {
      const user = req.user!;
      const rows = await db.case.findMany({
        where: {
          state: 'LISTED',
          rectificationDueAt: { lte: new Date() },
          departmentId: user.departmentId ?? '-',
        },
        orderBy: { rectificationDueAt: 'asc' },
        select: {
          id: true,
          caseNumber: true,
          subjectName: true,
          state: true,
          rectificationDueAt: true,
          interviews: { where: { heldOn: { not: null } }, orderBy: { heldOn: 'desc' }, select: { heldOn: true } },
        },
      });
      res.json(
        rows.map(({ rectificationDueAt, interviews: held, ...c }) => ({
          rectificationDueAt: rectificationDueAt!,
          interviewsHeld: held.length,
          lastInterviewOn: held[0]?.heldOn ?? null,
          case: c,
        })),
      );
    },
  );
  return r;
}
