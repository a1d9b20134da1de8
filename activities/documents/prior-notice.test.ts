// The prior notice as the party receives it: a PDF whose text carries the reasons, the basis, the
// rights and the deadline, in Chinese, with the font embedded.
import { describe, expect, it } from 'vitest';
import { designationFacts } from '../../tests/support/fixtures';
import { pdfText } from '../../tests/support/pdf';
import { priorNotice } from './prior-notice';
import { renderPdf } from './render';

const facts = {
  ...designationFacts,
  noticeNumber: '市信用办告〔2026〕7号',
  issuedOn: '2026-09-29',
  workingDays: 5,
  publicationMonths: 36,
};

describe('prior notice (失信行为认定告知书)', () => {
  it('states the reasons, the basis, the rights and the deadline, in extractable Chinese text', async () => {
    const pdf = await renderPdf(priorNotice(facts));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/FontFile[23]?/); // the CJK font is embedded
    const text = (await pdfText(pdf)).replace(/\s+/g, '');
    for (const required of [
      '失信行为认定告知书',
      '市信用办告〔2026〕7号',
      '某某建设工程有限公司',
      '事由：该公司虚开增值税专用发票，偷税数额达120万元。',
      '国家税务总局某市税务局稽查局于2026年9月1日作出的行政处罚决定（市税稽罚〔2026〕15号）',
      '重大税收违法失信主体',
      '公示期限为3年',
      '陈述、申辩和提出异议的权利',
      '自本告知书送达之日起5个工作日内（送达当日不计入，法定节假日不计入）',
      '信用修复',
      '2026年9月29日',
    ]) {
      expect(text).toContain(required);
    }
    // The period runs from service, which the notice cannot know: it names no end date.
    expect(text).not.toContain('24时前');
    expect(text).toContain('公示期限为3年，自认定决定作出之日起计算');
    expect(text).not.toContain('本文书同时送达');
  });

  it("is served on the company's responsible persons too, each with the same rights, and counts publication as the policy says", async () => {
    const persons = [
      { role: '法定代表人', name: '王某某' },
      { role: '直接责任人员', name: '李某某' },
    ];
    const text = (
      await pdfText(await renderPdf(priorNotice({ ...facts, responsiblePersons: persons, publicationStartsFrom: 'BASIS' })))
    ).replace(/\s+/g, '');
    expect(text).toContain(
      '本文书同时送达你单位法定代表人王某某、直接责任人员李某某，其本人享有同等的陈述、申辩和提出异议的权利，期限自本告知书向其本人送达之日起计算。',
    );
    expect(text).toContain('公示期限为3年，自行政处罚决定作出之日（2026年9月1日）起计算');
  });

  it('is laid out the same the second time its sentences are set, as the first (shaping remembered across documents)', async () => {
    // (Only the moment of making, and the file ID derived from it, may differ.)
    const stamp = (pdf: Buffer) =>
      pdf
        .toString('latin1')
        .replace(/\(D:\d{14}Z\)/g, '')
        .replace(/\/ID \[<\w+> <\w+>\]/, '');
    const first = await renderPdf(priorNotice({ ...facts, noticeNumber: '市信用办告〔2026〕8号' }));
    const again = await renderPdf(priorNotice({ ...facts, noticeNumber: '市信用办告〔2026〕8号' }));
    expect(stamp(again)).toBe(stamp(first));
    expect((await pdfText(again)).replace(/\s+/g, '')).toContain('失信行为认定告知书');
  });
});
