// The written results the party is served: what became of its objection or repair application,
// with the reasons and, where it loses, the remedies — as extractable Chinese text in a PDF.
import { describe, expect, it } from 'vitest';
import { designationFacts } from '../../tests/support/fixtures';
import { pdfText } from '../../tests/support/pdf';
import { renderPdf } from './render';
import { correctionNotice, objectionResult, removalNotice, repairResult, type MatterFacts, type ObjectionResultFacts } from './results';

const matter: MatterFacts = {
  ...designationFacts,
  number: '市信用办异〔2026〕3号',
  caseNumber: '市信用办认〔2026〕12号',
  filedOn: '2025-12-29',
  decidedOn: '2026-02-02',
};
/** What every objection result starts from: raised by the party against its listing, no unit told yet. */
const objectionFacts: Pick<ObjectionResultFacts, 'concerns' | 'shortenedTo' | 'unit' | 'unitsTold' | 'noticeUntil'> = {
  concerns: 'LISTING',
  shortenedTo: null,
  unit: null,
  unitsTold: 0,
  noticeUntil: null,
};
const text = async (doc: Parameters<typeof renderPdf>[0]) => (await pdfText(await renderPdf(doc))).replace(/\s+/g, '');

describe('result of an objection (异议处理结果告知书)', () => {
  it('rejected: the findings, the measures resumed, and reconsideration or litigation', async () => {
    const t = await text(
      objectionResult({
        ...matter,
        ...objectionFacts,
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

  it('upheld with a correction: the corrected content and only what the office did to restore the reputation, no remedies needed', async () => {
    const t = await text(
      objectionResult({
        ...matter,
        ...objectionFacts,
        unitsTold: 3,
        noticeUntil: '2026-03-04',
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
    expect(t).toContain('本机关已将处理结果推送至3个配合单位，并在信用网站公示说明至2026年3月4日。');
    // It states what was done, not a claim that reputation "has been restored".
    expect(t).not.toContain('恢复名誉');
    expect(t).not.toContain('行政复议');
  });

  it('raised against the publication period and upheld: the new last day, and nothing the office did not do', async () => {
    const t = await text(
      objectionResult({
        ...matter,
        ...objectionFacts,
        concerns: 'PERIOD',
        outcome: 'UPHELD',
        grounds: '公示期限应自处罚决定作出之日起计算。',
        reasons: '经核实，公示期限计算有误。',
        remedy: 'SHORTEN_PERIOD',
        correction: null,
        shortenedTo: '2026-12-31',
        measuresWereSuspended: false,
      }),
    );
    expect(t).toContain('（市信用办认〔2026〕12号）的公示期限提出的异议');
    expect(t).toContain('处理结果：公示期限调整至2026年12月31日止，期满自动移出名单。');
    expect(t).not.toContain('推送至');
  });

  it("a cooperating unit's objection: the result is addressed to the unit, without the party's remedies", async () => {
    const unitFacts = {
      ...matter,
      ...objectionFacts,
      unit: '市市场监督管理局',
      outcome: 'REJECTED' as const,
      grounds: '公示的违法事实与处罚决定书不一致。',
      reasons: '经核实，公示信息与处罚决定书一致。',
      remedy: null,
      correction: null,
      measuresWereSuspended: false,
    };
    const t = await text(objectionResult(unitFacts));
    expect(t).toContain('市市场监督管理局：');
    expect(t).toContain('你单位于2025年12月29日在实施联合惩戒措施中，对本机关将某某建设工程有限公司列入');
    expect(t).toContain('请你单位继续依法实施相应惩戒措施。');
    expect(t).not.toContain('你（单位）');
    expect(t).not.toContain('行政复议');

    // Upheld, the party is told of the correction in a notice of its own.
    const n = await text(
      correctionNotice({ ...unitFacts, outcome: 'UPHELD', remedy: 'CORRECT', correction: '违法事实更正为：未按期申报。', unitsTold: 2 }),
    );
    expect(n).toContain('信息更正告知书');
    expect(n).toContain('市市场监督管理局于2025年12月29日在实施联合惩戒措施中，对本机关将你（单位）列入');
    expect(n).toContain('更正后的内容为：违法事实更正为：未按期申报。');
    expect(n).toContain('本机关已将处理结果推送至2个配合单位。');
  });
});

describe('removal notice (移出名单告知书)', () => {
  it('on expiry: the decision it ends, the day of removal and the units told to lift their measures', async () => {
    const t = await text(
      removalNotice({
        ...matter,
        number: '市信用办移〔2027〕1号',
        decisionNumber: '市信用办决〔2026〕4号',
        listedOn: '2026-02-03',
        removedOn: '2027-02-04',
        kind: 'EXPIRY',
        publicationEndsOn: '2027-02-03',
        reason: null,
        unitsTold: 3,
        ended: [{ matter: '信用修复申请', filedOn: '2027-01-20' }],
      }),
    );
    for (const required of [
      '移出名单告知书',
      '市信用办移〔2027〕1号',
      '本机关于2026年2月3日依据市信用办决〔2026〕4号将你（单位）列入',
      '你（单位）于2027年1月20日提出的信用修复申请尚在办理中，因你（单位）已移出名单，该信用修复申请的办理随之终结。',
      '因公示期已于2027年2月3日届满，本机关于2027年2月4日将你（单位）移出名单，停止公示和共享相关失信信息，并已告知3个配合单位解除相应惩戒措施。',
    ]) {
      expect(t).toContain(required);
    }
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

  it("granted on a responsible person's own application: the measures on them lifted, addressed to them, the company untouched", async () => {
    const t = await text(
      repairResult({
        ...matter,
        number: '市信用办修决〔2026〕3号',
        outcome: 'GRANTED',
        reasons: '本人已辞去法定代表人职务并作出信用承诺。',
        extensionReason: null,
        person: { name: '王某某', code: '11010519491231002X', role: '法定代表人' },
      }),
    );
    expect(t).toContain('王某某（统一社会信用代码/身份证号码：11010519491231002X）');
    expect(t).toContain(
      '你于2025年12月29日就本机关将某某建设工程有限公司列入重大税收违法失信主体（市信用办认〔2026〕12号）中对你（法定代表人）记录的信息提出的信用修复申请',
    );
    expect(t).toContain('自2026年2月2日起解除对你实施的惩戒措施，停止共享你本人的相关失信信息');
    expect(t).not.toContain('移出名单');
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
