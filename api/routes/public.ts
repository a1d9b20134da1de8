// The public lookup (信用公示查询): published listings only — listed and not yet removed — with
// personal data masked (000 §六.2, 001 §(八)). No sign-in; answers are bounded in size.
import type { Prisma } from '../../generated/prisma/client';
import { listTypeFacts } from '../list-types';
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../activities/db';
import { maskSubjectCode } from '../../domain/codes';
import { Problem, say } from '../problem';
import { publicPageSchema } from '../../domain/api';
import { endpoint } from '../endpoints';

const querySchema = z.object({
  q: z.string().trim().min(2).max(50),
  // Paged, with the total: a search that finds many is never cut off unsaid.
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});

/** A natural person's name shows its first character only: 张某某 → 张**. */
const maskName = (name: string) => name.slice(0, 1) + '*'.repeat(Math.max(1, name.length - 1));

export function publicRoutes(db: Db): Router {
  const r = Router();
  const lookup = {
    method: 'get',
    path: '/public/listings',
    tag: 'public',
    roles: 'public',
    query: querySchema,
    response: publicPageSchema,
  } as const;
  endpoint(
    r,
    { ...lookup, summary: ['信用公示查询（名称或代码，至少 2 个字）', 'Public lookup by name or code (at least 2 characters)'] },
    async (req, res) => {
      const parsed = querySchema.safeParse(req.query);
      if (!parsed.success) throw new Problem(400, say(req, 'lookupQuery'));
      const { q, page, pageSize } = parsed.data;
      // Published listings, and for the policy's period the notice that one was revoked (恢复名誉).
      const where: Prisma.CaseWhereInput = {
        // A minor-tier record is published only where its decision says why (Case.published).
        published: true,
        OR: [
          { state: 'LISTED' },
          { state: 'REMOVED', removalKind: { in: ['REVOKED', 'REPAIRED'] }, publicNoticeUntil: { gt: new Date() } },
        ],
        AND: [{ OR: [{ subjectName: { contains: q } }, { subjectCode: q.toUpperCase() }] }],
      };
      const [total, rows] = await Promise.all([
        db.case.count({ where }),
        db.case.findMany({
          where,
          orderBy: [{ listedAt: 'desc' }, { id: 'asc' }],
          skip: (page - 1) * pageSize,
          take: pageSize,
          include: {
            department: { select: { name: true } },
            // A listing corrected on an upheld objection is published as corrected.
            objections: {
              where: { state: 'UPHELD', remedy: 'CORRECT' },
              orderBy: { decidedAt: 'desc' },
              take: 1,
              select: { correction: true },
            },
          },
        }),
      ]);
      const list = await listTypeFacts(db);
      res.json({
        total,
        page,
        pageSize,
        rows: rows.map((c) => ({
          caseNumber: c.caseNumber,
          subjectName: c.subjectType === 'PERSON' ? maskName(c.subjectName) : c.subjectName,
          subjectCode: maskSubjectCode(c.subjectCode, c.subjectType),
          subjectType: c.subjectType,
          listType: c.listType,
          ...list(c.listType),
          tier: c.tier,
          // A revoked listing shows only its notice: the facts it rested on were wrong.
          reasons: c.subjectType === 'PERSON' || c.state === 'REMOVED' ? null : c.reasons,
          correction: c.subjectType === 'PERSON' ? null : (c.objections[0]?.correction ?? null),
          corrected: c.objections.length > 0,
          notice: c.publicNoticeUntil && c.publicNoticeUntil > new Date() ? c.publicNotice : null,
          removed: c.state === 'REMOVED',
          measuresSuspended: c.measuresSuspended,
          department: c.department.name,
          listedAt: c.listedAt,
          publicationEndsOn: c.publicationEndsOn,
        })),
      });
    },
  );
  return r;
}
