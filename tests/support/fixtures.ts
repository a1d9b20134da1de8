import type { Db } from '../../activities/db';
import type { DesignationFacts } from '../../activities/documents/prior-notice';
import type { DesignationInput, RedListingInput } from '../../domain/schemas';
import type { Actor } from '../../domain/vocabulary';

/** A designation form as a caseworker fills it: a real-format enterprise and tax penalty. */
export function designationForm(overrides: Partial<DesignationInput> = {}): DesignationInput {
  return {
    subjectName: '某某建设工程有限公司',
    subjectType: 'ORGANISATION',
    subjectCode: '91350100M000100Y43',
    listType: 'TAX',
    tier: 'SERIOUS',
    basis: { kind: 'ADMINISTRATIVE_PENALTY', number: '市税稽罚〔2026〕15号', issuer: '国家税务总局某市税务局稽查局', date: '2026-09-01' },
    reasons: '该公司虚开增值税专用发票，偷税数额达 120 万元，经行政处罚决定书认定，属重大税收违法失信行为。',
    responsiblePersons: [{ role: 'LEGAL_REPRESENTATIVE', name: '王某某', idNumber: '11010519491231002X' }],
    leniency: { grounds: [], reasons: '' },
    recommendedMeasures: [{ measureId: 'M-ADM-03', reasons: '多次违法，需提高抽查比例和检查频次。' }],
    unrepairable: false,
    minorPublicationReasons: '',
    ...overrides,
  };
}

/** A designation of a natural person (张某某, a wage-arrears listing): no responsible persons, no measure chosen. */
export function personDesignationForm(overrides: Partial<DesignationInput> = {}): DesignationInput {
  return designationForm({
    subjectName: '张某某',
    subjectType: 'PERSON',
    subjectCode: '11010519491231002X',
    listType: 'WAGES',
    responsiblePersons: [],
    recommendedMeasures: [],
    ...overrides,
  });
}

/** A red listing of the demo company: a contract-honouring enterprise (守合同重信用), with one incentive chosen. */
export function redListingForm(overrides: Partial<RedListingInput> = {}): RedListingInput {
  return {
    subjectName: '某某建设工程有限公司',
    subjectType: 'ORGANISATION',
    subjectCode: '91350100M000100Y43',
    listType: 'RED-CONTRACT',
    basis: { kind: 'COMMENDATION', number: '市市监字〔2026〕8号', issuer: '市市场监督管理局', date: '2026-02-10' },
    reasons: '该企业连续三年合同履约率100%，经市市场监督管理局公示为守合同重信用企业。',
    recommendedMeasures: [{ measureId: 'I-ADM-01', reasons: '企业申报事项较多，适用容缺受理。' }],
    ...overrides,
  };
}

export async function actorOf(db: Db, username: string): Promise<Actor & { subjectCode: string | null }> {
  const u = await db.user.findUniqueOrThrow({ where: { username } });
  return { userId: u.id, name: u.displayName, role: u.role, departmentId: u.departmentId, subjectCode: u.subjectCode };
}

/** The demo users who take the steps of a case, as actors. */
export type Actors = Record<'caseworker' | 'supervisor' | 'party' | 'unit', Awaited<ReturnType<typeof actorOf>>>;
export async function actorsOf(db: Db): Promise<Actors> {
  return {
    caseworker: await actorOf(db, 'caseworker'),
    supervisor: await actorOf(db, 'supervisor'),
    party: await actorOf(db, 'party'),
    unit: await actorOf(db, 'unit'),
  };
}

/** The designation as the documents state it: the same case as designationForm(). */
export const designationFacts: DesignationFacts = {
  subjectName: '某某建设工程有限公司',
  subjectCode: '91350100M000100Y43',
  listTypeName: '重大税收违法失信主体',
  tier: 'SERIOUS',
  basis: { kind: 'ADMINISTRATIVE_PENALTY', number: '市税稽罚〔2026〕15号', issuer: '国家税务总局某市税务局稽查局', date: '2026-09-01' },
  reasons: '该公司虚开增值税专用发票，偷税数额达120万元。',
  departmentName: '市发展和改革委员会（市信用办）',
};
