// The subject's record (主体信用记录): one page per subject, by its code — every listing it is on,
// as the subject or as a responsible person of an organisation, the measures in force on it and
// those lifted, and the interviews it was called to. For staff; and for a party, its own record.
import { listTypeFacts } from '../list-types';
import { Router } from 'express';
import type { Db } from '../../activities/db';
import { subjectRecordSchema } from '../../domain/api';
import { Problem, say } from '../problem';
import { endpoint } from '../endpoints';
import { noteAccess, requirePurpose } from '../access-log';

export function subjectRoutes(db: Db): Router {
  const r = Router();
  const record = {
    method: 'get',
    path: '/subjects/:code',
    tag: 'subjects',
    roles: ['CASEWORKER', 'SUPERVISOR', 'PARTY'],
    access: { kind: 'SUBJECT_RECORD', target: { subject: 'code' }, personal: true },
    response: subjectRecordSchema,
  } as const;
  endpoint(
    r,
    { ...record, summary: ['主体信用记录：名单、惩戒措施、约谈', "A subject's record: listings, measures, interviews"] },
    async (req, res) => {
      const code = String(req.params.code).trim().toUpperCase();
      const user = req.user!;
      // A party reads its own record only.
      if (user.role === 'PARTY' && user.subjectCode !== code) throw new Problem(404, say(req, 'noSuchSubject'));
      const subject = await db.subject.findUnique({ where: { code } });
      if (!subject) throw new Problem(404, say(req, 'noSuchSubject'));
      noteAccess(res, { subjectCode: subject.code, subjectName: subject.name, subjectType: subject.type });
      // A natural person's record (an ID number: a person listed, or a responsible person) is read by
      // the office's staff only with a purpose (查询事由).
      requirePurpose(req, res, subject.type === 'PERSON');
      // Listings of the record are those that took effect (a draft or a notice is not on anyone's record).
      const onRecord = { state: { in: ['LISTED' as const, 'REMOVED' as const] } };
      const cases = await db.case.findMany({
        where: { ...onRecord, OR: [{ subjectCode: code }, { responsiblePersons: { some: { personCode: code } } }] },
        orderBy: { listedAt: 'desc' },
        include: {
          department: { select: { name: true } },
          responsiblePersons: { where: { personCode: code }, select: { role: true } },
          measures: {
            where: { subjectCode: code },
            include: { measure: { include: { implementingDepartment: { select: { name: true } } } } },
            orderBy: { measureId: 'asc' },
          },
          interviews: { orderBy: { scheduledFor: 'asc' } },
        },
      });
      const list = await listTypeFacts(db);
      res.json({
        code: subject.code,
        name: subject.name,
        type: subject.type,
        listings: cases.map((c) => {
          const active = c.state === 'LISTED';
          return {
            caseId: c.id,
            caseNumber: c.caseNumber,
            department: c.department.name,
            listType: c.listType,
            ...list(c.listType),
            tier: c.tier,
            state: c.state,
            as: c.subjectCode === code ? 'SUBJECT' : c.responsiblePersons[0]!.role,
            listedAt: c.listedAt,
            publicationEndsOn: c.publicationEndsOn,
            removedAt: c.removedAt,
            removalKind: c.removalKind,
            measuresSuspended: c.measuresSuspended,
            measures: c.measures.map((m) => ({
              measureId: m.measureId,
              content: m.measure.content,
              unit: m.measure.implementingDepartment.name,
              since: c.listedAt,
              // In force while the listing is, unless lifted for this person or suspended on objection.
              inForce: active && !m.liftedAt && !c.measuresSuspended,
              liftedAt: m.liftedAt ?? (active ? null : c.removedAt),
            })),
          };
        }),
        interviews: cases.flatMap((c) =>
          c.subjectCode === code
            ? c.interviews.map((i) => ({
                caseNumber: c.caseNumber,
                department: c.department.name,
                kind: i.kind,
                scheduledFor: i.scheduledFor,
                place: i.place,
                notice: i.notice,
                heldOn: i.heldOn,
                attendees: i.attendees,
                minutes: i.minutes,
              }))
            : [],
        ),
      });
    },
  );
  return r;
}
