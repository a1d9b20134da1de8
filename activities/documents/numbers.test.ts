// A document's number is given before its PDF is rendered (outside any transaction) and kept: a
// rendering that fails leaves the number given and nothing stored, and the retry — even two at once,
// as a retry after a timeout can overlap the first attempt — makes the documents once, under the
// numbers first given, without taking another from the register.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordSystemEvent } from '../audit';
import { fileAwaitingDecision, startStack, type Stack } from '../../tests/support/stack';
import { designationForm } from '../../tests/support/fixtures';
import { createDocumentActivities } from './index';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack('document-numbers');
}, 120_000);
afterAll(async () => stack?.stop(), 60_000);

describe('numbering a document before it is rendered', () => {
  it('keeps the number through a failed rendering and makes the documents once on the retries', async () => {
    const { id } = await fileAwaitingDecision(stack.baseUrl, designationForm());
    // As the supervisor's approval records it: the decision's date, from which its year is taken.
    const decidedAt = new Date('2026-03-02T02:00:00Z');
    const c = await stack.db.case.update({ where: { id }, data: { decidedAt } });
    const documents = createDocumentActivities(stack.db, recordSystemEvent);
    const args = { caseId: id, at: decidedAt.toISOString() };
    const kinds = ['LISTING_DECISION', 'CREDIT_REPAIR_NOTICE'] as const;
    const counter = () =>
      stack.db.numberSequence.findUnique({
        where: { departmentId_kind_year: { departmentId: c.departmentId, kind: 'DECISION', year: 2026 } },
      });

    // The renderer fails (its font cannot be read): the numbers were given, nothing was stored.
    const font = process.env.CJK_FONT;
    process.env.CJK_FONT = '/nonexistent/font.ttc';
    try {
      await expect(documents.issueListingDocuments(args)).rejects.toThrow();
    } finally {
      if (font === undefined) delete process.env.CJK_FONT;
      else process.env.CJK_FONT = font;
    }
    const given = await stack.db.documentNumber.findMany({ where: { caseId: id, kind: { in: [...kinds] } }, orderBy: { kind: 'asc' } });
    expect(given.map((g) => g.number)).toEqual([expect.stringMatching(/决〔2026〕\d+号$/), expect.stringMatching(/修告〔2026〕\d+号$/)]);
    // The decision and its repair notice share one serial (两书同号).
    expect(given[0]!.number.match(/(\d+)号$/)![1]).toBe(given[1]!.number.match(/(\d+)号$/)![1]);
    expect(await stack.db.document.count({ where: { caseId: id, kind: { in: [...kinds] } } })).toBe(0);
    const last = (await counter())!.last;

    // Two retries at once: one set of documents, under the numbers first given.
    const [a, b] = await Promise.all([documents.issueListingDocuments(args), documents.issueListingDocuments(args)]);
    expect(a).toEqual(b);
    const stored = await stack.db.document.findMany({ where: { caseId: id, kind: { in: [...kinds] } }, orderBy: { kind: 'asc' } });
    expect(stored.map((d) => d.number)).toEqual(given.map((g) => g.number));
    expect(stored.every((d) => d.content.length > 1000)).toBe(true);
    expect((await counter())!.last).toBe(last);
    const issued = await stack.db.caseEvent.findMany({ where: { caseId: id, action: 'DOCUMENT_ISSUED' } });
    for (const kind of kinds) expect(issued.filter((e) => (e.detail as { kind?: string }).kind === kind)).toHaveLength(1);
  }, 180_000);
});
