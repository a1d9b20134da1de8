// The documents of a red listing (守信激励): the decision placing a subject on the list, with the
// incentives it brings and how long it lasts, and the notice that it has left the list — on expiry,
// early with the office's reason, or because it was placed on a black list of the same field.
import type { OfficialDocument } from './render';
import { chineseDate } from './render';
import { addressee, basisSentence, periodText, type BasisFacts } from './prior-notice';

export interface RedListingFacts {
  subjectName: string;
  subjectCode: string;
  listTypeName: string;
  departmentName: string;
  number: string;
  caseNumber: string;
  basis: BasisFacts;
  reasons: string;
  listedOn: string;
  validUntil: string;
  validityMonths: number;
  incentives: { content: string; legalBasis: string; unit: string; reasons: string | null }[];
}

/** 列入守信激励对象名单决定书: why, on what, which incentives by which unit, until when, and what ends it early. */
export function redListingDecision(f: RedListingFacts): OfficialDocument {
  return {
    title: '列入守信激励对象名单决定书',
    number: f.number,
    addressee: addressee(f.subjectName, f.subjectCode),
    paragraphs: [
      `经审核，本机关决定将你（单位）列入${f.listTypeName}（${f.caseNumber}）。`,
      `事由：${f.reasons.replace(/[。.]$/, '')}。`,
      basisSentence(f.basis),
      `有效期：自${chineseDate(f.listedOn)}起${periodText(f.validityMonths)}，至${chineseDate(f.validUntil)}止；期间在信用网站公示，并推送下列单位依法依规实施联合激励：`,
      ...f.incentives.map(
        (m, i) => `${i + 1}. ${m.content}（实施单位：${m.unit}；依据：${m.legalBasis}${m.reasons ? `；选用理由：${m.reasons}` : ''}）。`,
      ),
      '有效期内，你（单位）如被列入同一领域的严重失信主体名单，将随即移出本名单，停止享受上述激励措施；以欺骗等不正当手段取得列入的，本机关将予以撤销。',
    ],
    issuer: f.departmentName,
    date: chineseDate(f.listedOn),
  };
}

export interface RedRemovalFacts {
  subjectName: string;
  subjectCode: string;
  listTypeName: string;
  departmentName: string;
  number: string;
  caseNumber: string;
  decisionNumber: string;
  listedOn: string;
  removedOn: string;
  validUntil: string;
  kind: 'EXPIRY' | 'EARLY' | 'DISHONESTY';
  reason: string | null;
  unitsTold: number;
}

const RED_REMOVAL_GROUNDS: Record<RedRemovalFacts['kind'], (f: RedRemovalFacts) => string> = {
  EXPIRY: (f) => `有效期已于${chineseDate(f.validUntil)}届满`,
  EARLY: (f) => `经本机关审核决定提前移出${f.reason ? `（理由：${f.reason.replace(/[。.]$/, '')}）` : ''}`,
  DISHONESTY: (f) => `你（单位）已被列入同一领域的严重失信主体名单${f.reason ? `：${f.reason}` : ''}`,
};

/** 移出守信激励对象名单告知书: why, since when, and that the incentives stop. */
export function redRemovalNotice(f: RedRemovalFacts): OfficialDocument {
  return {
    title: '移出守信激励对象名单告知书',
    number: f.number,
    addressee: addressee(f.subjectName, f.subjectCode),
    paragraphs: [
      `本机关于${chineseDate(f.listedOn)}依据${f.decisionNumber}将你（单位）列入${f.listTypeName}（${f.caseNumber}）。`,
      `因${RED_REMOVAL_GROUNDS[f.kind](f)}，本机关于${chineseDate(f.removedOn)}将你（单位）移出该名单，停止公示${
        f.unitsTold > 0 ? `，并已告知${f.unitsTold}个实施单位停止相应激励措施` : ''
      }。`,
    ],
    issuer: f.departmentName,
    date: chineseDate(f.removedOn),
  };
}
