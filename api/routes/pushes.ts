// A cooperating unit's inbox of pushed listings (信息推送) and its acknowledgement (签收).
import { listTypeFacts } from '../list-types';
import { Router, type Request } from 'express';
import type { Db } from '../../activities/db';
import { Problem, localeOf, say } from '../problem';
import { inboxPageSchema, inboxQuerySchema, pushSchema } from '../../domain/api';
import { translateCode } from '../../domain/i18n';
import { shanghaiDateTime } from '../../domain/workdays';
import type { Prisma } from '../../generated/prisma/client';
import { batches, instantsOn, pageAnswer, pageArgs, searchOf, sendXlsx, uiText } from '../lists';
import { endpoint } from '../endpoints';
import { recordEvent } from '../../activities/audit';
import { overdueOf, targetsOf } from '../feedback';

export function pushRoutes(db: Db): Router {
  const r = Router();

  /** The pushes of the unit's inbox that the search form asks for (an administrator's: every unit's). */
  const searched = (req: Request) => {
    const f = searchOf(req, inboxQuerySchema);
    const user = req.user!;
    const now = new Date();
    const late: Prisma.PushWhereInput = {
      feedbackDoneAt: null,
      OR: [{ feedbackOverdueAt: { not: null } }, { feedbackBy: { lte: now } }],
    };
    const where: Prisma.PushWhereInput = {
      AND: [
        { departmentId: user.departmentId ?? '-' },
        f.q
          ? {
              case: {
                OR: [{ subjectName: { contains: f.q } }, { subjectCode: f.q.toUpperCase() }, { caseNumber: { contains: f.q } }],
              },
            }
          : {},
        f.listType ? { case: { listType: f.listType } } : {},
        f.acknowledged === undefined ? {} : { status: f.acknowledged ? 'ACKNOWLEDGED' : 'PENDING' },
        f.feedbackOverdue === true ? late : f.feedbackOverdue === false ? { NOT: late } : {},
        { pushedAt: instantsOn(f.from, f.to) },
      ],
    };
    const orderBy: Prisma.PushOrderByWithRelationInput[] = [
      f.sort === 'caseNumber' ? { case: { caseNumber: f.order } } : { pushedAt: f.order },
      { id: 'asc' },
    ];
    return { f, where, orderBy };
  };
  const include = {
    case: {
      select: { id: true, caseNumber: true, subjectName: true, subjectCode: true, listType: true, tier: true, publicationEndsOn: true },
    },
  } as const;
  const catalogue = async () =>
    new Map((await db.measure.findMany({ include: { implementingDepartment: { select: { name: true } } } })).map((m) => [m.id, m]));

  const inbox = {
    method: 'get',
    path: '/pushes',
    tag: 'units',
    roles: ['COOPERATING_UNIT'],
    access: { kind: 'INBOX' },
    query: inboxQuerySchema,
    response: inboxPageSchema,
  } as const;
  endpoint(
    r,
    { ...inbox, summary: ['配合单位收件箱：推送的名单信息（查询、分页）', "A unit's inbox of pushed listings, searched and paged"] },
    async (req, res) => {
      const { f, where, orderBy } = searched(req);
      const [total, pushes] = await Promise.all([db.push.count({ where }), db.push.findMany({ where, orderBy, ...pageArgs(f), include })]);
      const [measures, list] = await Promise.all([catalogue(), listTypeFacts(db)]);
      const rows = await Promise.all(
        pushes.map(async (p) => ({
          ...p,
          case: { ...p.case, ...list(p.case.listType) },
          ...overdueOf(p),
          measures: p.measureIds.map((id) => measures.get(id)).filter(Boolean),
          // The unit's measures on each subject, with its latest feedback: what its feedback form shows.
          targets: await targetsOf(db, p.caseId, p.departmentId),
        })),
      );
      res.json(pageAnswer(f, total, rows));
    },
  );

  const exported = { ...inbox, path: '/pushes/export.xlsx', access: { kind: 'INBOX_EXPORT' }, response: 'xlsx' } as const;
  endpoint(
    r,
    {
      ...exported,
      summary: ['导出收件箱查询结果（.xlsx，全部符合条件的推送）', 'Export the pushes found (.xlsx, every one that matches)'],
    },
    async (req, res) => {
      const { where, orderBy } = searched(req);
      const [measures, list] = await Promise.all([catalogue(), listTypeFacts(db)]);
      const label = (code: string) => translateCode(localeOf(req), 'label', code) ?? code;
      const columns = (
        [
          ['caseNumber', 'caseNumber', 24],
          ['kind', 'pushKind', 12],
          ['subjectName', 'subjectName', 30],
          ['subjectCode', 'subjectCode', 22],
          ['listTypeName', 'listType', 30],
          ['tier', 'tier', 8],
          ['measures', 'measures', 50],
          ['publicationEndsOn', 'publicationEndsOn', 14],
          ['pushedAt', 'pushedAtBeijing', 18],
          ['acknowledged', 'ackStatus', 10],
          ['acknowledgedAt', 'acknowledgedAtBeijing', 18],
          ['feedbackBy', 'feedbackByBeijing', 18],
          ['overdue', 'unitDeadlines', 20],
        ] as const
      ).map(([key, header, width]) => ({ key, width, header: uiText(req, header) }));
      const found = batches((page) => db.push.findMany({ where, orderBy, ...page, include }));
      await sendXlsx(res, uiText(req, 'inboxExportName'), columns, found, (p) => {
        const late = overdueOf(p);
        return {
          caseNumber: p.case.caseNumber,
          kind: label(p.kind),
          subjectName: p.case.subjectName,
          subjectCode: p.case.subjectCode,
          listTypeName: list(p.case.listType).listTypeName,
          tier: p.case.tier ? label(p.case.tier) : '',
          measures: p.measureIds.map((id) => measures.get(id)?.content ?? id).join('；'),
          publicationEndsOn: p.case.publicationEndsOn ? p.case.publicationEndsOn.toISOString().slice(0, 10) : '',
          pushedAt: shanghaiDateTime(p.pushedAt),
          acknowledged: uiText(req, p.status === 'ACKNOWLEDGED' ? 'acknowledged' : 'notAcknowledged'),
          acknowledgedAt: p.acknowledgedAt ? shanghaiDateTime(p.acknowledgedAt) : '',
          feedbackBy: p.feedbackBy ? shanghaiDateTime(p.feedbackBy) : '',
          overdue: [
            ...(late.acknowledgementOverdue ? [uiText(req, 'ackOverdue')] : []),
            ...(late.feedbackOverdue ? [uiText(req, 'feedbackOverdue')] : []),
            ...(p.feedbackDoneAt ? [uiText(req, 'feedbackDone')] : []),
          ].join('；'),
        };
      });
    },
  );

  const ack = { method: 'post', path: '/pushes/:id/acknowledge', tag: 'units', roles: ['COOPERATING_UNIT'], response: pushSchema } as const;
  endpoint(r, { ...ack, summary: ['签收推送', 'Acknowledge a push'] }, async (req, res) => {
    const user = req.user!;
    const push = await db.push.findUnique({ where: { id: String(req.params.id) } });
    if (!push || push.departmentId !== user.departmentId) throw new Problem(404, say(req, 'noSuchPush'));
    const at = new Date();
    const updated = await db.$transaction(async (tx) => {
      const { count } = await tx.push.updateMany({
        where: { id: push.id, status: 'PENDING' },
        data: { status: 'ACKNOWLEDGED', acknowledgedAt: at, acknowledgedBy: user.name },
      });
      if (count === 0) throw new Problem(409, say(req, 'pushAcknowledged'));
      await recordEvent(tx, push.caseId, `push-ack-${push.id}`, at, user, 'PUSH_ACKNOWLEDGED', {
        department: user.departmentName,
        measures: push.measureIds,
      });
      return tx.push.findUniqueOrThrow({ where: { id: push.id } });
    });
    res.json(updated);
  });

  return r;
}
