// The public lookup (信用公示查询): published listings only — listed and not yet removed — with
// personal data masked (000 §六.2, 001 §(八)). No sign-in; answers are bounded in size.
import type { Prisma } from '../../generated/prisma/client';
import { listTypeFacts } from '../list-types';
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Db } from '../../activities/db';
import { maskSubjectCode } from '../../domain/codes';
import { Problem, localeOf, say } from '../problem';
import { pageFields } from '../../domain/api';
import { translateCode } from '../../domain/i18n';
import type { ListKind } from '../../domain/vocabulary';
import { shanghaiDate } from '../../domain/workdays';
import { batches, pageAnswer, pageArgs, sendXlsx, uiText } from '../lists';
import { publicPageSchema } from '../../domain/api';
import { endpoint } from '../endpoints';

const querySchema = z.object({
  q: z.string().trim().min(2).max(50),
  // Paged, with the total: a search that finds many is never cut off unsaid; a page is at most 50.
  ...pageFields(50),
});

/** A natural person's name shows its first character only: 张某某 → 张**. */
const maskName = (name: string) => name.slice(0, 1) + '*'.repeat(Math.max(1, name.length - 1));

/** What the public may read of a case: its department, and the correction an upheld objection made. */
const include = {
  department: { select: { name: true } },
  // A listing corrected on an upheld objection is published as corrected.
  objections: {
    where: { state: 'UPHELD', remedy: 'CORRECT' },
    orderBy: { decidedAt: 'desc' },
    take: 1,
    select: { correction: true },
  },
} as const satisfies Prisma.CaseInclude;
type Published = Prisma.CaseGetPayload<{ include: typeof include }>;

/** A published listing as the public reads it, personal data masked: the page and its export show the same. */
function publicView(c: Published, list: (code: string) => { listTypeName: string; listKind: ListKind }, now: Date) {
  return {
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
    notice: c.publicNoticeUntil && c.publicNoticeUntil > now ? c.publicNotice : null,
    removed: c.state === 'REMOVED',
    measuresSuspended: c.measuresSuspended,
    department: c.department.name,
    listedAt: c.listedAt,
    publicationEndsOn: c.publicationEndsOn,
  };
}

export function publicRoutes(db: Db): Router {
  const r = Router();
  /** The published listings a lookup finds, in order: the newest listing first. */
  const searched = (req: Request) => {
    const parsed = querySchema.safeParse(req.query);
    if (!parsed.success) throw new Problem(400, say(req, 'lookupQuery'));
    const f = parsed.data;
    // Published listings, and for the policy's period the notice that one was revoked (恢复名誉).
    const where: Prisma.CaseWhereInput = {
      // A minor-tier record is published only where its decision says why (Case.published).
      published: true,
      OR: [{ state: 'LISTED' }, { state: 'REMOVED', removalKind: { in: ['REVOKED', 'REPAIRED'] }, publicNoticeUntil: { gt: new Date() } }],
      AND: [{ OR: [{ subjectName: { contains: f.q } }, { subjectCode: f.q.toUpperCase() }] }],
    };
    const orderBy: Prisma.CaseOrderByWithRelationInput[] = [{ listedAt: 'desc' }, { id: 'asc' }];
    return { f, where, orderBy };
  };
  const lookup = {
    method: 'get',
    path: '/public/listings',
    tag: 'public',
    roles: 'public',
    access: { kind: 'PUBLIC_LOOKUP' },
    query: querySchema,
    response: publicPageSchema,
  } as const;
  endpoint(
    r,
    { ...lookup, summary: ['信用公示查询（名称或代码，至少 2 个字）', 'Public lookup by name or code (at least 2 characters)'] },
    async (req, res) => {
      const { f, where, orderBy } = searched(req);
      const [total, rows] = await Promise.all([db.case.count({ where }), db.case.findMany({ where, orderBy, ...pageArgs(f), include })]);
      const list = await listTypeFacts(db);
      const now = new Date();
      res.json(
        pageAnswer(
          f,
          total,
          rows.map((c) => publicView(c, list, now)),
        ),
      );
    },
  );

  const exported = { ...lookup, path: '/public/listings/export.xlsx', access: { kind: 'PUBLIC_EXPORT' }, response: 'xlsx' } as const;
  endpoint(
    r,
    {
      ...exported,
      summary: [
        '导出信用公示查询结果（.xlsx，查到的全部公示信息，同样脱敏）',
        'Export the listings a lookup finds (.xlsx, all of them, masked alike)',
      ],
    },
    async (req, res) => {
      const { where, orderBy } = searched(req);
      const list = await listTypeFacts(db);
      const now = new Date();
      const label = (code: string | null) => (code ? (translateCode(localeOf(req), 'label', code) ?? code) : '');
      const columns = (
        [
          ['subjectName', 'subjectName', 30],
          ['subjectCode', 'subjectCode', 22],
          ['listTypeName', 'listType', 30],
          ['listKind', 'listKind', 10],
          ['tier', 'tier', 8],
          ['reasons', 'reasons', 50],
          ['correction', 'publicCorrection', 40],
          ['notice', 'publicNotice', 40],
          ['department', 'department', 30],
          ['listedAt', 'listedAt', 14],
          ['publicationEndsOn', 'publicationEndsOn', 14],
        ] as const
      ).map(([key, header, width]) => ({ key, width, header: uiText(req, header) }));
      const found = batches((page) => db.case.findMany({ where, orderBy, ...page, include }));
      await sendXlsx(res, uiText(req, 'publicExportName'), columns, found, (c) => {
        const v = publicView(c, list, now);
        return {
          subjectName: v.subjectName,
          subjectCode: v.subjectCode,
          listTypeName: v.listTypeName,
          listKind: label(v.listKind),
          tier: label(v.tier),
          reasons: v.reasons ?? '',
          correction: v.correction ?? '',
          notice: v.notice ?? '',
          department: v.department,
          listedAt: v.listedAt ? shanghaiDate(v.listedAt) : '',
          publicationEndsOn: v.publicationEndsOn ? v.publicationEndsOn.toISOString().slice(0, 10) : '',
        };
      });
    },
  );
  return r;
}
