// The home page's figures (工作台): what waits for the signed-in user — counts by what is to be done,
// the nearest deadlines and the department's recent activity — each count as the lists count it.
import { Router } from 'express';
import type { Db } from '../../activities/db';
import { workingDaysLeftFn } from '../../activities/calendar';
import { workbenchSchema, type Workbench } from '../../domain/api';
import type { Prisma } from '../../generated/prisma/client';
import { endpoint } from '../endpoints';
import { watchedDeadline } from './deadlines';

export function workbenchRoutes(db: Db): Router {
  const r = Router();
  const everyone = ['CASEWORKER', 'SUPERVISOR', 'COOPERATING_UNIT', 'PARTY', 'ADMINISTRATOR'] as const;
  endpoint(
    r,
    {
      method: 'get',
      path: '/workbench',
      tag: 'cases',
      roles: everyone,
      access: { kind: 'WORKBENCH' },
      response: workbenchSchema,
      summary: ['工作台：待办数量、最近期限和最近动态', 'The home page: what is waiting, the nearest deadlines, recent activity'],
    },
    async (req, res) => {
      const user = req.user!;
      const now = new Date();
      const mine: Prisma.CaseWhereInput = { departmentId: user.departmentId ?? '-' };
      const cases = (where: Prisma.CaseWhereInput) => db.case.count({ where: { ...mine, ...where } });
      const overdueDeadlines = () =>
        db.caseDeadline.count({ where: { closedAt: null, case: mine, OR: [{ status: 'OVERDUE' }, { dueAt: { lte: now } }] } });
      const unitOverdue = (where: Prisma.PushWhereInput) =>
        db.push.count({
          where: {
            ...where,
            OR: [
              { status: 'PENDING', acknowledgeBy: { lte: now } },
              { feedbackDoneAt: null, feedbackBy: { lte: now } },
            ],
          },
        });
      const counts: Workbench['counts'] = [];
      const add = (item: Workbench['counts'][number]['item'], count: number, alert = false) =>
        counts.push({ item, count, alert: alert && count > 0 });
      switch (user.role) {
        case 'CASEWORKER':
          add('DRAFT_RETURNED', await cases({ state: 'DRAFT_RETURNED' }), true);
          add('AWAITING_SERVICE', await cases({ state: { in: ['AWAITING_NOTICE_SERVICE', 'AWAITING_DECISION_SERVICE'] } }));
          add('IN_REVIEW', await cases({ state: 'IN_REVIEW' }));
          add(
            'OBJECTIONS_OPEN',
            await db.objection.count({ where: { case: mine, state: { in: ['AWAITING_ACCEPTANCE', 'IN_VERIFICATION'] } } }),
          );
          add(
            'REPAIRS_OPEN',
            await db.repairApplication.count({ where: { case: mine, state: { in: ['AWAITING_ACCEPTANCE', 'AWAITING_DECISION'] } } }),
          );
          add('OVERDUE', await overdueDeadlines(), true);
          add('UNIT_OVERDUE', await unitOverdue({ case: mine }), true);
          break;
        case 'SUPERVISOR':
          add('AWAITING_APPROVAL', await cases({ state: { in: ['AWAITING_NOTICE_APPROVAL', 'AWAITING_DECISION_APPROVAL'] } }));
          add('LISTED', await cases({ state: 'LISTED' }));
          add('OVERDUE', await overdueDeadlines(), true);
          add('UNIT_OVERDUE', await unitOverdue({ case: mine }), true);
          break;
        case 'ADMINISTRATOR':
          // The system's own health, not the cases': processing that keeps failing, webhooks undelivered.
          add('STUCK', await db.stuckActivity.count(), true);
          add('FAILED_DELIVERIES', await db.webhookDelivery.count({ where: { status: 'FAILED' } }), true);
          break;
        case 'COOPERATING_UNIT': {
          const ours = { departmentId: user.departmentId ?? '-' };
          add('TO_ACKNOWLEDGE', await db.push.count({ where: { ...ours, status: 'PENDING' } }));
          add('TO_FEED_BACK', await db.push.count({ where: { ...ours, feedbackBy: { not: null }, feedbackDoneAt: null } }));
          add('UNIT_OVERDUE', await unitOverdue(ours), true);
          break;
        }
        case 'PARTY': {
          const own: Prisma.CaseWhereInput = {
            OR: [{ subjectCode: user.subjectCode ?? '-' }, { responsiblePersons: { some: { personCode: user.subjectCode ?? '-' } } }],
          };
          add('MY_CASES', await db.case.count({ where: { ...own, state: { notIn: ['AWAITING_NOTICE_APPROVAL', 'DRAFT_RETURNED'] } } }));
          add('LISTED', await db.case.count({ where: { ...own, state: 'LISTED' } }));
          break;
        }
      }
      // The administrator reads no case: its workbench counts, and names no subject.
      const staff = user.role === 'CASEWORKER' || user.role === 'SUPERVISOR';
      const left = await workingDaysLeftFn(db);
      const deadlines = staff
        ? await db.caseDeadline.findMany({
            where: { closedAt: null, case: mine },
            orderBy: { dueAt: 'asc' },
            take: 5,
            include: { case: { select: { id: true, caseNumber: true, subjectName: true, state: true } } },
          })
        : [];
      const recent = staff
        ? await db.caseEvent.findMany({
            where: { case: mine },
            orderBy: { at: 'desc' },
            take: 10,
            include: { case: { select: { caseNumber: true } } },
          })
        : [];
      res.json({
        counts,
        deadlines: deadlines.map((d) => watchedDeadline(d, left, now.getTime())),
        recent: recent.map((e) => ({
          caseId: e.caseId,
          caseNumber: e.case.caseNumber,
          at: e.at,
          actorName: e.actorName,
          action: e.action,
        })),
      });
    },
  );
  return r;
}
