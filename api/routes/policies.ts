// Policies as versioned data: an administrator's change is a new version; cases keep the version
// they started under, and new cases take the newest.
import { isDeepStrictEqual } from 'node:util';
import { Router } from 'express';
import type { Db } from '../../activities/db';
import { policyTermsSchema } from '../../domain/schemas';
import type { Prisma } from '../../generated/prisma/client';
import { Problem, say, zodProblem } from '../problem';
import { z } from 'zod';
import { policyVersionSchema } from '../../domain/api';
import { endpoint } from '../endpoints';

export function policyRoutes(db: Db): Router {
  const r = Router();

  const list = {
    method: 'get',
    path: '/policies',
    tag: 'policies',
    roles: ['ADMINISTRATOR', 'SUPERVISOR', 'CASEWORKER'],
    access: false,
    response: z.array(policyVersionSchema),
  } as const;
  endpoint(r, { ...list, summary: ['政策及其各版本', 'Policies and their versions'] }, async (_req, res) => {
    const versions = await db.policy.findMany({
      orderBy: [{ code: 'asc' }, { version: 'desc' }],
      include: { _count: { select: { cases: true } } },
    });
    res.json(versions.map(({ _count, ...p }) => ({ ...p, cases: _count.cases })));
  });

  const create = {
    method: 'post',
    path: '/policies/:code/versions',
    tag: 'policies',
    roles: ['ADMINISTRATOR'],
    body: policyTermsSchema,
    status: 201,
  } as const;
  endpoint(
    r,
    { ...create, response: policyVersionSchema, summary: ['发布政策新版本（新案件适用）', 'Publish a new policy version (for new cases)'] },
    async (req, res) => {
      const code = String(req.params.code);
      const parsed = policyTermsSchema.safeParse(req.body);
      if (!parsed.success) throw zodProblem(req, parsed.error);
      const created = await db
        .$transaction(async (tx) => {
          const latest = await tx.policy.findFirst({ where: { code, listType: null }, orderBy: { version: 'desc' } });
          if (!latest) throw new Problem(404, say(req, 'noSuchPolicy'));
          const { publicationMonths, ...terms } = parsed.data;
          // Each value keeps the source it had; a value the administrator changed cites this version's source.
          const before = latest as unknown as Record<string, unknown>;
          const sources = { ...(latest.valueSources as Record<string, string>) };
          for (const [key, value] of Object.entries(parsed.data)) {
            if (key === 'name' || key === 'source') continue;
            if (!isDeepStrictEqual(value, before[key])) sources[key] = `${parsed.data.source}（${req.user!.name}修改）`;
          }
          return tx.policy.create({
            data: {
              ...terms,
              publicationMonths: publicationMonths as Prisma.InputJsonValue,
              valueSources: sources,
              code,
              version: latest.version + 1,
              jurisdiction: latest.jurisdiction,
              listType: null,
              createdBy: req.user!.name,
            },
          });
        })
        .catch((err: { code?: string }) => {
          if (err.code === 'P2002') throw new Problem(409, say(req, 'policyVersionRace'));
          throw err;
        });
      res.status(201).json(created);
    },
  );

  return r;
}
