// The written results the party is served: what became of its objection or repair application,
// with the reasons and, where it loses, the remedies — as extractable Chinese text in a PDF.
import { describe, expect, it } from 'vitest';
import { designationFacts } from '../../tests/support/fixtures';
import { pdfText } from '../../tests/support/pdf';
import { renderPdf } from './render';
import { objectionResult, repairResult, type MatterFacts } from './results';

const matter: MatterFacts = {
  ...designationFacts,
  number: '市信用办异〔2026〕3号',
  caseNumber: '市信用办认〔2026〕12号',
  filedOn: '2025-12-29',
  decidedOn: '2026-02-02',
};
const text = async (doc: Parameters<typeof renderPdf>[0]) => (await pdfText(await renderPdf(doc))).replace(/\s+/g, '');

describe('result of an objection (异议处理结果告知书)', () => {
  it('rejected: the findings, the measures resumed, and reconsideration or litigation', async () => {
    const t = await text(
      objectionResult({
        ...matter,
        outcome: 'REJECTED',
        grounds: '处罚决定已被复议撤销。',
        reasons: '复议决定维持原处罚，异议不成立。',
        remedy: null,
        correction: null,
        measuresWereSuspended: true,
      }),
    );
    for (const required of [
      '异议处理结果告知书',
      '市信用办异〔2026〕3号',
      '你（单位）于2025年12月29日对本机关将你（单位）列入重大税收违法失信主体（市信用办认〔2026〕12号）提出的异议',
      '经核实，异议不成立。',
      '核实意见：复议决定维持原处罚，异议不成立。',
      '核实期间中止实施的惩戒措施自即日起恢复实施。',
      '六十日内依法申请行政复议',
      '六个月内依法向人民法院提起行政诉讼',
      '2026年2月2日',
    ]) {
      expect(t).toContain(required);
    }
  });

  it('upheld with a correction: the corrected content and the restored reputation, no remedies needed', async () => {
    const t = await text(
      objectionResult({
        ...matter,
        outcome: 'UPHELD',
        grounds: '公示金额有误。',
        reasons: '经核实，公示的金额有误。',
        remedy: 'CORRECT',
        correction: '偷税数额更正为12万元。',
        measuresWereSuspended: false,
      }),
    );
    expect(t).toContain('经核实，异议成立。');
    expect(t).toContain('更正后的内容为：偷税数额更正为12万元。');
    expect(t).toContain('恢复名誉');
    expect(t).not.toContain('行政复议');
  });
});

describe('result of a repair application (信用修复结果告知书)', () => {
  it('refused after an extension: the reason for the extension, the reasons, and the remedies', async () => {
    const t = await text(
      repairResult({
        ...matter,
        number: '市信用办修决〔2026〕1号',
        outcome: 'REFUSED',
        reasons: '仍有欠缴税款未清缴。',
        extensionReason: '需向税务机关函询整改核查结果。',
      }),
    );
    for (const required of [
      '信用修复结果告知书',
      '市信用办修决〔2026〕1号',
      '因需向税务机关函询整改核查结果，本机关依法延长了办理期限。',
      '经审核，决定不予修复。',
      '理由：仍有欠缴税款未清缴。',
      '依法申请行政复议',
    ]) {
      expect(t).toContain(required);
    }
  });

  it('granted: removed from the list from the decision date, publication and sharing stopped', async () => {
    const t = await text(
      repairResult({
        ...matter,
        number: '市信用办修决〔2026〕2号',
        outcome: 'GRANTED',
        reasons: '已纠正失信行为。',
        extensionReason: null,
      }),
    );
    expect(t).toContain('准予信用修复。自2026年2月2日起将你（单位）移出名单，停止公示和共享相关失信信息，解除相应惩戒措施');
    expect(t).not.toContain('行政复议');
  });
});
