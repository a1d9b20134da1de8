// The written reply on the statements made in the notice period (陈述申辩复核意见告知书): each
// statement the party made, the office's findings on them, and what follows — served on the party
// before the case goes on (国办发〔2020〕49号: the party's statement is heard and answered).
import { chineseDate, type OfficialDocument } from './render';
import { addressee, type DesignationFacts } from './prior-notice';

/** A statement as the documents quote it. */
export interface StatementFacts {
  filedOn: string;
  kind: 'STATEMENT' | 'OBJECTION';
  content: string;
}

export interface ReviewReplyFacts extends Pick<DesignationFacts, 'subjectName' | 'subjectCode' | 'listTypeName' | 'departmentName'> {
  number: string;
  noticeNumber: string;
  statements: StatementFacts[];
  accepted: boolean;
  reasons: string;
  decidedOn: string;
}

const KIND = { STATEMENT: '陈述申辩', OBJECTION: '异议' } as const;

export function reviewReply(f: ReviewReplyFacts): OfficialDocument {
  return {
    title: '陈述申辩复核意见告知书',
    number: f.number,
    addressee: addressee(f.subjectName, f.subjectCode),
    paragraphs: [
      `本机关以《失信行为认定告知书》（${f.noticeNumber}）告知你（单位）拟将你（单位）列入${f.listTypeName}的事由、依据和权利。你（单位）在告知期内提出了以下意见：`,
      ...f.statements.map((s, i) => `${i + 1}. ${chineseDate(s.filedOn)}提出${KIND[s.kind]}：“${s.content}”`),
      `本机关对上述意见逐一进行了复核。复核意见：${f.reasons}`,
      f.accepted
        ? '复核结论：你（单位）的意见成立，本机关予以采纳，决定不将你（单位）列入上述名单，本案办结。'
        : '复核结论：你（单位）的意见不成立，本机关不予采纳，将依法作出认定决定，并另行送达《失信主体认定决定书》。',
    ],
    issuer: f.departmentName,
    date: chineseDate(f.decidedOn),
  };
}
