// The written reply on the statements: each statement quoted with its date, the findings, and
// what follows — accepted, the case ends; rejected, a decision will be served.
import { describe, expect, it } from 'vitest';
import { designationFacts } from '../../tests/support/fixtures';
import { pdfText } from '../../tests/support/pdf';
import { renderPdf } from './render';
import { reviewReply, type ReviewReplyFacts } from './review-reply';

const facts: ReviewReplyFacts = {
  ...designationFacts,
  number: '市信用办复〔2026〕2号',
  noticeNumber: '市信用办告〔2026〕7号',
  statements: [
    { filedOn: '2026-10-09', kind: 'OBJECTION', content: '处罚决定已被复议机关撤销。' },
    { filedOn: '2026-10-12', kind: 'STATEMENT', content: '补充陈述：已足额补缴税款。' },
  ],
  accepted: false,
  reasons: '经核查，复议决定维持原处罚。',
  decidedOn: '2026-10-20',
};
const textOf = async (f: ReviewReplyFacts) => (await pdfText(await renderPdf(reviewReply(f)))).replace(/\s+/g, '');

describe('reply on the statements (陈述申辩复核意见告知书)', () => {
  it('quotes each statement with its date and gives the findings; rejected, a decision follows', async () => {
    const text = await textOf(facts);
    for (const required of [
      '陈述申辩复核意见告知书',
      '市信用办复〔2026〕2号',
      '《失信行为认定告知书》（市信用办告〔2026〕7号）',
      '1.2026年10月9日提出异议：“处罚决定已被复议机关撤销。”',
      '2.2026年10月12日提出陈述申辩：“补充陈述：已足额补缴税款。”',
      '复核意见：经核查，复议决定维持原处罚。',
      '不予采纳，将依法作出认定决定',
      '2026年10月20日',
    ]) {
      expect(text).toContain(required);
    }
  });

  it('says the case ends without listing when the statements are accepted', async () => {
    const text = await textOf({ ...facts, accepted: true, reasons: '当事人已补缴税款，情节轻微。' });
    expect(text).toContain('予以采纳，决定不将你（单位）列入上述名单，本案办结');
    expect(text).not.toContain('将依法作出认定决定');
  });
});
