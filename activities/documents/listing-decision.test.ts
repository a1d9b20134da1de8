// The listing decision and the credit-repair notice served with it: the text a party reads must
// state reasons, basis, measures, removal conditions and procedure, remedies, and how to repair.
import { describe, expect, it } from 'vitest';
import { designationFacts } from '../../tests/support/fixtures';
import { pdfText } from '../../tests/support/pdf';
import { creditRepairNotice, listingDecision, type ListingFacts } from './listing-decision';
import { renderPdf } from './render';

const facts: ListingFacts = {
  ...designationFacts,
  decisionNumber: '市信用办决〔2026〕3号',
  repairNoticeNumber: '市信用办修告〔2026〕3号',
  measures: [
    {
      content: '依法限制参加政府采购活动',
      mandatory: true,
      legalBasis: '《中华人民共和国政府采购法》第二十二条',
      unit: '市财政局',
      person: null,
      reasons: null,
    },
    {
      content: '列为重点监管对象，提高抽查比例和检查频次',
      mandatory: false,
      legalBasis: '国发〔2016〕33号',
      unit: '市市场监督管理局',
      person: null,
      reasons: '两年内三次发生同类违法行为。',
    },
    {
      content: '限制担任企业法定代表人、董事、监事、高级管理人员',
      mandatory: true,
      legalBasis: '《企业信息公示暂行条例》第十八条',
      unit: '市市场监督管理局',
      person: '法定代表人王某某',
      reasons: null,
    },
  ],
  published: true,
  publicationReasons: null,
  decidedOn: '2026-10-13',
  publicationEndsOn: '2029-10-13',
  minimumPublicationMonths: 12,
  repairEligibleFrom: '2027-10-13',
  repairAcceptanceWorkingDays: 3,
  repairDecisionWorkingDays: 10,
  hearing: null,
};

const textOf = async (doc: Parameters<typeof renderPdf>[0]) => (await pdfText(await renderPdf(doc))).replace(/\s+/g, '');

describe('listing decision (失信主体认定决定书)', () => {
  it('states how each statement made in the notice period was handled, citing the written reply', async () => {
    const hearing = {
      statements: [
        { filedOn: '2026-10-09', kind: 'OBJECTION' as const, content: '处罚决定已被复议机关撤销。' },
        { filedOn: '2026-10-12', kind: 'STATEMENT' as const, content: '补充陈述：已提起行政诉讼。' },
      ],
      reviewedOn: '2026-10-20',
      reasons: '复议决定维持原处罚，诉讼不停止行政行为的执行。',
      replyNumber: '市信用办复〔2026〕2号',
    };
    const text = await textOf(listingDecision({ ...facts, hearing }));
    expect(text).toContain(
      '你（单位）在告知期内提出的2026年10月9日的异议、2026年10月12日的陈述申辩，本机关已于2026年10月20日逐一复核，认为：复议决定维持原处罚，诉讼不停止行政行为的执行。意见不成立，不予采纳（见《陈述申辩复核意见告知书》（市信用办复〔2026〕2号））。',
    );
    expect(text).not.toContain('未提出陈述申辩');
  });

  it('states reasons, basis, measures, removal conditions and procedure, and remedies', async () => {
    const text = await textOf(listingDecision(facts));
    for (const required of [
      '失信主体认定决定书',
      '市信用办决〔2026〕3号',
      '事由：该公司虚开增值税专用发票，偷税数额达120万元。',
      '市税稽罚〔2026〕15号',
      '自2026年10月13日起公示至2029年10月13日',
      '依法限制参加政府采购活动（强制性措施，实施单位：市财政局',
      '列为重点监管对象，提高抽查比例和检查频次（推荐性措施，实施单位：市市场监督管理局，依据：国发〔2016〕33号；选择理由：两年内三次发生同类违法行为）',
      // A measure on persons restrains the responsible person it names, not the organisation.
      '3.对法定代表人王某某限制担任企业法定代表人、董事、监事、高级管理人员（强制性措施',
      '公示期满，本机关依职权将你（单位）移出名单',
      '公示满1年后',
      '六十日内依法申请行政复议',
      '六个月内依法向人民法院提起行政诉讼',
      '未提出陈述申辩',
    ]) {
      expect(text).toContain(required);
    }
  });
});

describe('a decision on an organisation with responsible persons', () => {
  it('says it is served on them too and what they may do for themselves; publication from the basis where the policy says so', async () => {
    const text = await textOf(
      listingDecision({ ...facts, responsiblePersons: [{ role: '法定代表人', name: '王某某' }], publicationStartsOn: '2026-09-01' }),
    );
    expect(text).toContain('自2026年9月1日起公示至2029年10月13日');
    expect(text).toContain(
      '本文书同时送达你单位法定代表人王某某，其本人可以就对其本人实施的惩戒措施提出异议、申请信用修复，并享有同等的救济权利。',
    );
  });
});

describe('a minor-tier record (轻微失信信息)', () => {
  const minor = { ...facts, tier: 'MINOR' as const, publicationEndsOn: '2027-01-13', measures: [] };
  it('is not published unless the decision says why it must be', async () => {
    const quiet = await textOf(listingDecision({ ...minor, published: false }));
    expect(quiet).toContain('失信等级为轻微，记录期限至2027年1月13日。本条信息属轻微失信信息，不予公示。');
    expect(quiet).not.toContain('起公示至');
    const loud = await textOf(listingDecision({ ...minor, publicationReasons: '一年内三次发生同类违法行为，确有警示必要。' }));
    expect(loud).toContain(
      '自2026年10月13日起公示至2027年1月13日。本条信息属轻微失信信息，原则上不予公示；因一年内三次发生同类违法行为，确有警示必要，确有必要予以公示。',
    );
  });
});

describe('credit-repair notice (信用修复告知书)', () => {
  it('tells when and how to apply, with the periods and no fees', async () => {
    const text = await textOf(creditRepairNotice(facts));
    for (const required of [
      '信用修复告知书',
      '市信用办修告〔2026〕3号',
      '《失信主体认定决定书》（市信用办决〔2026〕3号）',
      '自2027年10月13日起',
      '信用承诺书',
      '3个工作日内作出是否受理的决定',
      '10个工作日内作出修复决定',
      '不收取任何费用',
    ]) {
      expect(text).toContain(required);
    }
  });
});
