// Deadline watch (期限监控): every running deadline of the department's cases, nearest first, with
// working days left — and those the office has let pass, marked overdue until the step is taken;
// and the cases whose own processing keeps failing (stuck), for someone to look into.
import { Router } from 'express';
import type { Db } from '../../activities/db';
import { workingDaysLeftFn } from '../../activities/calendar';
import { z } from 'zod';
import { interviewDueSchema, stuckCaseSchema, watchedDeadlineSchema } from '../../domain/api';
import { endpoint } from '../endpoints';

export function deadlineRoutes(db: Db): Router {
  const r = Router();
  const staff = ['CASEWORKER', 'SUPERVISOR', 'ADMINISTRATOR'] as const;
  const watch = { method: 'get', path: '/deadlines', tag: 'deadlines', roles: staff, response: z.array(watchedDeadlineSchema) } as const;
  endpoint(
    r,
    { ...watch, summary: ['期限监控：本部门进行中的期限，最近的在前', "The department's running deadlines, nearest first"] },
    async (req, res) => {
      const user = req.user!;
      const rows = await db.caseDeadline.findMany({
        where: { closedAt: null, ...(user.role === 'ADMINISTRATOR' ? {} : { case: { departmentId: user.departmentId ?? '-' } }) },
        orderBy: { dueAt: 'asc' },
        take: 500,
        include: { case: { select: { id: true, caseNumber: true, subjectName: true, state: true } } },
      });
      const left = await workingDaysLeftFn(db);
      const now = Date.now();
      res.json(
        rows.map((d) => ({
          id: d.id,
          kind: d.kind,
          dueDate: d.dueDate.toISOString().slice(0, 10),
          dueAt: d.dueAt,
          provisional: d.provisional,
          workingDays: d.workingDays,
          overdue: d.status === 'OVERDUE' || d.dueAt.getTime() <= now,
          workingDaysLeft: left(d.dueDate),
          case: d.case,
        })),
      );
    },
  );
  const stuck = { method: 'get', path: '/deadlines/stuck', tag: 'deadlines', roles: staff, response: z.array(stuckCaseSchema) } as const;
  endpoint(r, { ...stuck, summary: ['处理受阻的案件', 'Cases whose own processing keeps failing'] }, async (req, res) => {
    const user = req.user!;
    const rows = await db.stuckActivity.findMany({
      where: user.role === 'ADMINISTRATOR' ? {} : { case: { departmentId: user.departmentId ?? '-' } },
      orderBy: { since: 'asc' },
      include: { case: { select: { id: true, caseNumber: true, subjectName: true, state: true } } },
    });
    res.json(rows.map(({ caseId: _caseId, ...row }) => row));
  });
  const interviews = {
    method: 'get',
    path: '/deadlines/interviews',
    tag: 'deadlines',
    roles: staff,
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
          ...(user.role === 'ADMINISTRATOR' ? {} : { departmentId: user.departmentId ?? '-' }),
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
