// The machine interface for the cooperating units' own business systems (应查必查, 000 §二.4): look
// a subject up as they work and post execution feedback without anyone retyping it. Each call
// carries a unit's API key (Authorization: Bearer); only its SHA-256 is stored. Requests are limited
// per key; a missing, unknown or revoked key is refused before anything is read or changed; every
// read of a subject is recorded (who, what, when).
import { listTypeFacts } from '../list-types';
import type { NextFunction, Request, Response } from 'express';
import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { Db } from '../../activities/db';
import { feedbackSchema, subjectLookupSchema } from '../../domain/api';
import { machineFeedbackSchema, subjectCodeSchema } from '../../domain/schemas';
import { endpoint } from '../endpoints';
import { recordFeedback } from '../feedback';
import { Problem, say, zodProblem } from '../problem';
import { digestKey } from './units';

export interface UnitKey {
  id: string;
  name: string;
  departmentId: string;
  departmentName: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    unitKey?: UnitKey;
  }
}

/** Requests per key per minute (UNIT_API_RATE_LIMIT overrides). */
const PER_MINUTE = Number(process.env.UNIT_API_RATE_LIMIT ?? 120);

function requireUnitKey(db: Db) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const fail = (key: 'apiKeyMissing' | 'apiKeyInvalid' | 'apiKeyRevoked') => {
      res.set('WWW-Authenticate', 'Bearer realm="credit-units"');
      next(new Problem(401, say(req, key)));
    };
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    if (!m) return fail('apiKeyMissing');
    const key = await db.unitApiKey.findUnique({ where: { hash: digestKey(m[1]!) }, include: { department: true } });
    if (!key) return fail('apiKeyInvalid');
    if (key.revokedAt) return fail('apiKeyRevoked');
    await db.unitApiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
    req.unitKey = { id: key.id, name: key.name, departmentId: key.departmentId, departmentName: key.department.name };
    next();
  };
}

export function machineRoutes(db: Db): Router {
  const r = Router();
  // express-rate-limit: a well-kept, small limiter that keys on what we choose (the key's id, so one
  // unit's busy system cannot starve another behind the same proxy) and sends RateLimit headers.
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: PER_MINUTE,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => req.unitKey!.id,
    handler: (req, _res, next) => next(new Problem(429, say(req, 'tooManyRequests'))),
  });
  const auth = [requireUnitKey(db), limiter];

  const lookup = {
    method: 'get',
    path: '/unit-api/v1/subjects/:code',
    tag: 'unit-api',
    roles: 'unitKey',
    auth,
    access: { kind: 'UNIT_LOOKUP', target: { subject: 'code' } },
    response: subjectLookupSchema,
  } as const;
  endpoint(
    r,
    {
      ...lookup,
      summary: ['查询主体：是否在名单、本单位应实施的措施', 'Look up a subject: listed or not, the measures this unit applies'],
    },
    async (req, res) => {
      const unit = req.unitKey!;
      const parsed = z.object({ code: subjectCodeSchema }).safeParse({ code: req.params.code });
      if (!parsed.success) throw zodProblem(req, parsed.error);
      const { code } = parsed.data;
      // Active listings naming the subject, or restraining it as a responsible person; an unpublished
      // record only where it was pushed to this unit.
      const cases = await db.case.findMany({
        where: {
          state: 'LISTED',
          OR: [
            { subjectCode: code },
            { responsiblePersons: { some: { personCode: code } } },
            { measures: { some: { subjectCode: code } } },
          ],
          AND: [{ OR: [{ published: true }, { pushes: { some: { departmentId: unit.departmentId } } }] }],
        },
        orderBy: { listedAt: 'asc' },
        include: {
          measures: {
            where: { subjectCode: code, liftedAt: null, measure: { implementingDepartmentId: unit.departmentId } },
            include: { measure: true },
          },
          responsiblePersons: { where: { personCode: code } },
        },
      });
      const list = await listTypeFacts(db);
      const listings = cases
        .filter((c) => c.subjectCode === code || c.measures.length > 0 || c.responsiblePersons.length > 0)
        .map((c) => ({
          caseNumber: c.caseNumber,
          listType: c.listType,
          ...list(c.listType),
          tier: c.tier,
          role: c.subjectCode === code ? ('SUBJECT' as const) : ('RESPONSIBLE_PERSON' as const),
          subjectName: c.subjectCode === code ? c.subjectName : (c.responsiblePersons[0]?.name ?? c.subjectName),
          listedAt: c.listedAt,
          publicationEndsOn: c.publicationEndsOn,
          suspended: c.measuresSuspended,
          measures: c.measuresSuspended
            ? []
            : c.measures.map((m) => ({
                measureId: m.measureId,
                content: m.measure.content,
                subjectCode: m.subjectCode,
                since: c.listedAt,
              })),
        }));
      await db.unitAccess.create({
        data: {
          departmentId: unit.departmentId,
          apiKeyId: unit.id,
          subjectCode: code,
          listed: listings.length > 0,
          caseIds: cases.map((c) => c.id),
        },
      });
      res.json({ subjectCode: code, listed: listings.length > 0, listings });
    },
  );

  const post = {
    method: 'post',
    path: '/unit-api/v1/feedback',
    tag: 'unit-api',
    roles: 'unitKey',
    auth,
    body: machineFeedbackSchema,
    status: 201,
    response: feedbackSchema,
  } as const;
  endpoint(r, { ...post, summary: ['执行反馈（系统对接）', 'Post execution feedback (system to system)'] }, async (req, res) => {
    const unit = req.unitKey!;
    const parsed = machineFeedbackSchema.safeParse(req.body);
    if (!parsed.success) throw zodProblem(req, parsed.error);
    const { caseNumber, ...input } = parsed.data;
    const c = await db.case.findUnique({ where: { caseNumber }, select: { id: true } });
    if (!c) throw new Problem(404, say(req, 'noSuchCase'));
    const author = {
      departmentId: unit.departmentId,
      departmentName: unit.departmentName,
      actor: {
        userId: `api-key:${unit.id}`,
        name: `${unit.departmentName}（${unit.name}）`,
        role: 'COOPERATING_UNIT' as const,
        departmentId: unit.departmentId,
      },
      apiKeyId: unit.id,
    };
    res.status(201).json(await recordFeedback(db, req, author, c.id, input));
  });

  return r;
}
