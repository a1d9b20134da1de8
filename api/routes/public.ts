// The public lookup (信用公示查询): published listings only — listed and not yet removed — with
// personal data masked (000 §六.2, 001 §(八)). No sign-in; answers are bounded in size, and requests
// per client address limited. An organisation is found by its code or its name (part of one will
// do, its characters taken literally); a natural person only by full name and ID number together.
import type { Prisma } from '../../generated/prisma/client';
import { listTypeFacts } from '../list-types';
import { Router, type Request } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { Db } from '../../activities/db';
import { maskSubjectCode, screenPersonalData } from '../../domain/codes';
import { checkPublicLookup, publicLookupFields } from '../../domain/schemas';
import { Problem, localeOf, say, zodProblem } from '../problem';
import { pageFields } from '../../domain/api';
import { translateCode } from '../../domain/i18n';
import type { ListKind } from '../../domain/vocabulary';
import { shanghaiDate } from '../../domain/workdays';
import { batches, pageAnswer, pageArgs, sendXlsx, uiText } from '../lists';
import { publicPageSchema } from '../../domain/api';
import { endpoint } from '../endpoints';

const querySchema = z
  .object({
    ...publicLookupFields,
    // Paged, with the total: a search that finds many is never cut off unsaid; a page is at most 50.
    ...pageFields(50),
  })
  .superRefine(checkPublicLookup);

/** Requests per client address per minute to the lookup and its export together (PUBLIC_RATE_LIMIT overrides). */
export const PUBLIC_RATE_LIMIT = 30;

/** Text as itself in a LIKE pattern: `%`, `_` and the escape character are no wildcards (Prisma's `startsWith` passes them on). */
const literally = (s: string) => s.replace(/[\\%_]/g, '\\$&');

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
    // A revoked listing shows only its notice: the facts it rested on were wrong. An organisation's
    // texts are published with any ID or mobile number written into them masked.
    reasons: c.subjectType === 'PERSON' || c.state === 'REMOVED' ? null : screenPersonalData(c.reasons),
    correction: c.subjectType === 'PERSON' || !c.objections[0]?.correction ? null : screenPersonalData(c.objections[0].correction),
    corrected: c.objections.length > 0,
    notice: c.publicNotice && c.publicNoticeUntil && c.publicNoticeUntil > now ? screenPersonalData(c.publicNotice) : null,
    removed: c.state === 'REMOVED',
    measuresSuspended: c.measuresSuspended,
    department: c.department.name,
    listedAt: c.listedAt,
    publicationEndsOn: c.publicationEndsOn,
  };
}

export function publicRoutes(db: Db, perMinute = PUBLIC_RATE_LIMIT): Router {
  const r = Router();
  // One count per client address for the lookup and its export (express-rate-limit, as the units'
  // interface is limited per key): the whole list cannot be walked by a script.
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, _res, next) => next(new Problem(429, say(req, 'tooManyLookups', perMinute))),
  });
  /** The published listings a lookup finds, in order: the newest listing first. */
  const searched = (req: Request) => {
    const parsed = querySchema.safeParse(req.query);
    if (!parsed.success) {
      const fields = zodProblem(req, parsed.error);
      throw new Problem(400, say(req, 'lookupQuery'), fields.detail, fields.extra);
    }
    const f = parsed.data;
    // A person: the full name and ID number, both exact; an organisation: its code, or its name from
    // the beginning (as registered), a prefix an index answers at any number of listings.
    const subject: Prisma.CaseWhereInput =
      f.type === 'PERSON'
        ? { subjectType: 'PERSON', subjectName: f.name, subjectCode: f.idNumber }
        : { subjectType: 'ORGANISATION', OR: [{ subjectCode: f.q.toUpperCase() }, { subjectName: { startsWith: literally(f.q) } }] };
    // Published listings, and for the policy's period the notice that one was revoked (恢复名誉).
    const where: Prisma.CaseWhereInput = {
      // A minor-tier record is published only where its decision says why (Case.published).
      published: true,
      OR: [{ state: 'LISTED' }, { state: 'REMOVED', removalKind: { in: ['REVOKED', 'REPAIRED'] }, publicNoticeUntil: { gt: new Date() } }],
      AND: [subject],
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
    auth: [limiter],
    limited: true,
    query: querySchema,
    response: publicPageSchema,
  } as const;
  endpoint(
    r,
    {
      ...lookup,
      summary: [
        '信用公示查询（组织：统一社会信用代码或名称；自然人：姓名和公民身份号码）',
        'Public lookup (an organisation by code or name; a person by full name and ID number together)',
      ],
    },
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
