// The access log (查询使用登记) for the auditor: every read of a subject's record and every refused
// attempt, searched by who, role, department, what was read, purpose, outcome and days, paged newest
// first, and exported whole. The auditor's own searches are entries of it too.
import { Router, type Request } from 'express';
import type { Db } from '../../activities/db';
import { accessLogPageSchema, accessLogQuerySchema, type AccessLogEntry } from '../../domain/api';
import { translateCode } from '../../domain/i18n';
import { shanghaiDateTime } from '../../domain/workdays';
import type { AccessLog, Prisma } from '../../generated/prisma/client';
import { endpoint } from '../endpoints';
import { batches, instantsOn, pageAnswer, pageArgs, searchOf, sendXlsx, uiText } from '../lists';
import { localeOf } from '../problem';

/** A list's search form as it was asked, readable: `q=某某; state=LISTED`. */
const queryText = (q: Record<string, unknown>) =>
  Object.entries(q)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('; ');

export function accessLogRoutes(db: Db): Router {
  const r = Router();

  const searched = (req: Request) => {
    const f = searchOf(req, accessLogQuerySchema);
    const where: Prisma.AccessLogWhereInput = {
      AND: [
        f.who ? { OR: [{ actorName: { contains: f.who } }, { username: { contains: f.who } }] } : {},
        f.role.length ? { role: { in: f.role } } : {},
        f.department ? { departmentName: { contains: f.department } } : {},
        f.q
          ? {
              OR: [
                { caseNumber: { contains: f.q } },
                { subjectName: { contains: f.q } },
                { subjectCode: f.q.toUpperCase() },
                { caseId: f.q },
              ],
            }
          : {},
        f.kind.length ? { kind: { in: f.kind } } : {},
        f.purpose.length ? { purpose: { in: f.purpose } } : {},
        f.outcome ? { outcome: f.outcome } : {},
        // A day is a Beijing day: from its 00:00 to the next day's 00:00.
        { at: instantsOn(f.from, f.to) },
      ],
    };
    const orderBy: Prisma.AccessLogOrderByWithRelationInput[] = [{ [f.sort]: f.order }, { position: f.order }];
    return { f, where, orderBy };
  };
  const entry = (e: AccessLog) =>
    ({
      id: e.id,
      position: e.position,
      at: e.at,
      actorKind: e.actorKind,
      actorName: e.actorName,
      username: e.username,
      role: e.role,
      departmentName: e.departmentName,
      kind: e.kind,
      method: e.method,
      path: e.path,
      caseId: e.caseId,
      caseNumber: e.caseNumber,
      subjectCode: e.subjectCode,
      subjectName: e.subjectName,
      subjectType: e.subjectType,
      documentId: e.documentId,
      query: e.query,
      purpose: e.purpose,
      purposeNote: e.purposeNote,
      address: e.address,
      status: e.status,
      outcome: e.outcome,
    }) satisfies Record<keyof AccessLogEntry, unknown>;

  const list = {
    method: 'get',
    path: '/access-log',
    tag: 'audit',
    roles: ['AUDITOR'],
    access: { kind: 'ACCESS_LOG' },
    query: accessLogQuerySchema,
    response: accessLogPageSchema,
  } as const;
  endpoint(
    r,
    {
      ...list,
      summary: [
        '查询使用登记：主体信息的每次查询和被拒绝的查询（查询、分页，最新的在前）',
        "The access log: every read of a subject's record and every refused attempt, searched and paged, newest first",
      ],
    },
    async (req, res) => {
      const { f, where, orderBy } = searched(req);
      const [total, rows] = await Promise.all([db.accessLog.count({ where }), db.accessLog.findMany({ where, orderBy, ...pageArgs(f) })]);
      res.json(pageAnswer(f, total, rows.map(entry)));
    },
  );

  const exported = { ...list, path: '/access-log/export.xlsx', access: { kind: 'ACCESS_LOG_EXPORT' }, response: 'xlsx' } as const;
  endpoint(
    r,
    {
      ...exported,
      summary: ['导出查询使用登记（.xlsx，全部符合条件的记录）', 'Export the access log entries found (.xlsx, every one that matches)'],
    },
    async (req, res) => {
      const { where, orderBy } = searched(req);
      const locale = localeOf(req);
      const label = (code: string | null) => (code ? (translateCode(locale, 'label', code) ?? code) : '');
      const word = (prefix: string, code: string | null) => (code ? (translateCode(locale, 'ui', `${prefix}.${code}`) ?? code) : '');
      const columns = (
        [
          ['position', 'accessPosition', 8],
          ['at', 'accessAtBeijing', 20],
          ['who', 'accessWho', 24],
          ['username', 'accessUsername', 16],
          ['role', 'accessRole', 12],
          ['department', 'accessDepartment', 30],
          ['address', 'accessAddress', 18],
          ['kind', 'accessWhat', 18],
          ['caseNumber', 'caseNumber', 24],
          ['subjectName', 'subjectName', 30],
          ['subjectCode', 'subjectCode', 22],
          ['documentId', 'accessDocument', 38],
          ['query', 'accessQuery', 40],
          ['purpose', 'accessPurpose', 12],
          ['purposeNote', 'accessPurposeNote', 30],
          ['outcome', 'accessOutcome', 10],
          ['status', 'accessStatus', 8],
        ] as const
      ).map(([key, header, width]) => ({ key, width, header: uiText(req, header) }));
      const found = batches((page) => db.accessLog.findMany({ where, orderBy, ...page }));
      await sendXlsx(res, uiText(req, 'accessLogExportName'), columns, found, (e) => ({
        position: e.position,
        at: shanghaiDateTime(e.at),
        who: e.actorKind === 'PUBLIC' ? word('accessActor', 'PUBLIC') : (e.actorName ?? ''),
        username: e.username ?? '',
        role: label(e.role),
        department: e.departmentName ?? '',
        address: e.address,
        kind: word('accessKind', e.kind),
        caseNumber: e.caseNumber ?? '',
        subjectName: e.subjectName ?? '',
        subjectCode: e.subjectCode ?? '',
        documentId: e.documentId ?? '',
        query: e.query ? queryText(e.query as Record<string, unknown>) : '',
        purpose: word('accessPurpose', e.purpose),
        purposeNote: e.purposeNote ?? '',
        outcome: word('accessOutcome', e.outcome),
        status: e.status,
      }));
    },
  );
  return r;
}
