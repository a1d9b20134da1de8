// A cooperating unit's inbox of pushed listings (信息推送) and its acknowledgement (签收).
import { listTypeFacts } from '../list-types';
import { Router } from 'express';
import type { Db } from '../../activities/db';
import { Problem, say } from '../problem';
import { z } from 'zod';
import { inboxPushSchema, pushSchema } from '../../domain/api';
import { endpoint } from '../endpoints';
import { recordEvent } from '../../activities/audit';
import { overdueOf, targetsOf } from '../feedback';

export function pushRoutes(db: Db): Router {
  const r = Router();

  const inbox = {
    method: 'get',
    path: '/pushes',
    tag: 'units',
    roles: ['COOPERATING_UNIT', 'ADMINISTRATOR'],
    response: z.array(inboxPushSchema),
  } as const;
  endpoint(r, { ...inbox, summary: ['配合单位收件箱：推送的名单信息', "A unit's inbox of pushed listings"] }, async (req, res) => {
    const user = req.user!;
    const pushes = await db.push.findMany({
      where: user.role === 'ADMINISTRATOR' ? {} : { departmentId: user.departmentId ?? '-' },
      orderBy: { pushedAt: 'desc' },
      take: 500,
      include: {
        case: {
          select: { id: true, caseNumber: true, subjectName: true, subjectCode: true, listType: true, tier: true, publicationEndsOn: true },
        },
      },
    });
    const measures = new Map(
      (await db.measure.findMany({ include: { implementingDepartment: { select: { name: true } } } })).map((m) => [m.id, m]),
    );
    const list = await listTypeFacts(db);
    res.json(
      await Promise.all(
        pushes.map(async (p) => ({
          ...p,
          case: { ...p.case, ...list(p.case.listType) },
          ...overdueOf(p),
          measures: p.measureIds.map((id) => measures.get(id)).filter(Boolean),
          // The unit's measures on each subject, with its latest feedback: what its feedback form shows.
          targets: await targetsOf(db, p.caseId, p.departmentId),
        })),
      ),
    );
  });

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
