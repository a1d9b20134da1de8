// 查询使用登记 cannot be forgotten by a reading route: every GET route the server answers declares its
// access logging with its endpoint, a route whose answer carries anyone's record (a case number, a
// subject's name or code, a person's ID number; a document, a file, an export) has the access log's
// middleware mounted in front of its own checks, and a GET endpoint that declares nothing is refused
// when it is mounted.
import { Router } from 'express';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import { createApp } from './app';
import { createDb } from '../activities/db';
import { endpoint, mountedEndpoints } from './endpoints';

type Handle = { accessKind?: string; stack?: Layer[] };
type Layer = {
  route?: { path: string; methods: Record<string, boolean>; stack: { handle: Handle }[] };
  handle: Handle;
  rawPath?: string;
};
type Route = { method: string; path: string; handlers: Handle[] };

/** Every route the Express app answers, with its handlers in order. */
function routesOf(stack: Layer[], prefix = ''): Route[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const path = `${prefix}${layer.route.path}`;
      const handlers = layer.route.stack.map((l) => l.handle);
      return Object.keys(layer.route.methods).map((m) => ({ method: m.toUpperCase(), path, handlers }));
    }
    const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
    return layer.handle.stack ? routesOf(layer.handle.stack, prefix + mount) : [];
  });
}

/** Fields that name a case or a subject: an answer with any of them carries someone's record. */
const RECORD_FIELDS = /"(caseNumber|caseId|subjectName|subjectCode|personCode|idNumber)"/;
/** GET routes with such a field that read no one else's record, and why. */
const OWN = new Map([
  ['/session', "the signed-in user's own identity (a party's own subject code)"],
  ['/imports/template.xlsx', 'the import template: headers and one made-up example row'],
  ['/imports/template.csv', 'the import template: headers and one made-up example row'],
]);

const temporal = { options: { namespace: 'default' } } as unknown as Client;
const app = createApp({ db: createDb('postgresql://postgres@127.0.0.1:1/none'), temporal });
const routes = routesOf((app as unknown as { router: { stack: Layer[] } }).router.stack).filter(
  (r) => r.method === 'GET' && r.path.startsWith('/api/') && !r.path.startsWith('/api/docs'),
);
const declared = (path: string) => mountedEndpoints().find((e) => e.method === 'get' && `/api${e.path}` === path);

describe('the access log of every reading route', () => {
  it('is declared by every GET route, and mounted first on each one that answers with anyone’s record', () => {
    expect(routes.length).toBeGreaterThan(25);
    const undeclared: string[] = [];
    const unlogged: string[] = [];
    const late: string[] = [];
    for (const r of routes) {
      const e = declared(r.path);
      if (!e || e.access === undefined) {
        undeclared.push(r.path);
        continue;
      }
      const binary = typeof e.response === 'string';
      const schema =
        e.response instanceof z.ZodType ? JSON.stringify(z.toJSONSchema(e.response, { io: 'output', unrepresentable: 'any' })) : '';
      const carriesRecords = binary || RECORD_FIELDS.test(schema);
      const at = r.handlers.findIndex((h) => typeof h.accessKind === 'string');
      if (carriesRecords && !OWN.has(e.path) && at < 0) unlogged.push(r.path);
      // Before the role check, the unit key's check and the rate limit: their refusals are recorded too.
      if (at > 0) late.push(r.path);
      if (e.access && at < 0) unlogged.push(`${r.path} (declared, not mounted)`);
    }
    expect(undeclared).toEqual([]);
    expect(unlogged).toEqual([]);
    expect(late).toEqual([]);
  });

  it('covers the reads the register names: case pages, documents, lists, exports, the units’ interface, the public lookup', () => {
    const kinds = new Map(routes.map((r) => [r.path, r.handlers.find((h) => h.accessKind)?.accessKind]));
    expect(Object.fromEntries([...kinds].filter(([p]) => /cases|subjects|unit-api|public|access-log/.test(p)))).toMatchObject({
      '/api/cases': 'CASE_LIST',
      '/api/cases/export.xlsx': 'CASE_EXPORT',
      '/api/cases/:id': 'CASE',
      '/api/cases/:id/documents/:documentId': 'CASE_DOCUMENT',
      '/api/cases/:id/attachments/:attachmentId': 'CASE_ATTACHMENT',
      '/api/subjects/:code': 'SUBJECT_RECORD',
      '/api/unit-api/v1/subjects/:code': 'UNIT_LOOKUP',
      '/api/public/listings': 'PUBLIC_LOOKUP',
      '/api/public/listings/export.xlsx': 'PUBLIC_EXPORT',
      '/api/access-log': 'ACCESS_LOG',
    });
    // The reads of a person's record that ask a purpose.
    expect(
      mountedEndpoints()
        .filter((e) => e.access && e.access.personal)
        .map((e) => e.path),
    ).toEqual(['/cases/:id', '/cases/:id/documents/:documentId', '/cases/:id/attachments/:attachmentId', '/subjects/:code']);
  });

  it('refuses to mount a GET route that does not say whether it reads anyone’s record', () => {
    const undeclaredRoute = { method: 'get', path: '/nobody', tag: 'x', roles: 'public', summary: ['x', 'x'], response: null } as const;
    expect(() => endpoint(Router(), undeclaredRoute, () => {})).toThrow(/access/);
  });
});
