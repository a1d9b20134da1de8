// Written results served on the party (书面告知): what became of an objection to a listing
// (异议处理结果告知书) and of a credit-repair application (信用修复结果告知书) — each with its
// reasons and, where the party loses, the remedies (002 §24, 004 §四(三), 001 §(七)).
import { chineseDate, type OfficialDocument } from './render';
import { addressee, type DesignationFacts } from './prior-notice';

const REMEDIES = '如不服，可以自收到本告知书之日起六十日内依法申请行政复议，或者自收到本告知书之日起六个月内依法向人民法院提起行政诉讼。';

export interface MatterFacts extends Pick<DesignationFacts, 'subjectName' | 'subjectCode' | 'listTypeName' | 'departmentName'> {
  number: string;
  caseNumber: string;
  filedOn: string;
  decidedOn: string;
}

export interface ObjectionResultFacts extends MatterFacts {
  outcome: 'NOT_ACCEPTED' | 'UPHELD' | 'REJECTED';
  grounds: string;
  reasons: string;
  remedy: 'REVOKE' | 'CORRECT' | null;
  correction: string | null;
  measuresWereSuspended: boolean;
}

export function objectionResult(f: ObjectionResultFacts): OfficialDocument {
  const filed = `你（单位）于${chineseDate(f.filedOn)}对本机关将你（单位）列入${f.listTypeName}（${f.caseNumber}）提出的异议：“${f.grounds}”`;
  const paragraphs =
    f.outcome === 'NOT_ACCEPTED'
      ? [`${filed}，经审查，本机关决定不予受理。`, `理由：${f.reasons}`, REMEDIES]
      : f.outcome === 'UPHELD'
        ? [
            `${filed}，经核实，异议成立。`,
            `核实意见：${f.reasons}`,
            f.remedy === 'REVOKE'
              ? '处理结果：撤销列入决定，将你（单位）移出名单，停止公示和共享相关失信信息，解除相应惩戒措施。'
              : `处理结果：对公示信息予以更正，更正后的内容为：${f.correction ?? ''}${f.measuresWereSuspended ? '核实期间中止的惩戒措施按更正后的信息恢复实施。' : ''}`,
            '本机关已将处理结果推送至各配合单位，并依法为你（单位）恢复名誉。',
          ]
        : [
            `${filed}，经核实，异议不成立。`,
            `核实意见：${f.reasons}`,
            f.measuresWereSuspended ? '核实期间中止实施的惩戒措施自即日起恢复实施。' : '相关惩戒措施继续实施。',
            REMEDIES,
          ];
  return {
    title: '异议处理结果告知书',
    number: f.number,
    addressee: addressee(f.subjectName, f.subjectCode),
    paragraphs,
    issuer: f.departmentName,
    date: chineseDate(f.decidedOn),
  };
}

export interface RepairResultFacts extends MatterFacts {
  outcome: 'NOT_ACCEPTED' | 'GRANTED' | 'REFUSED';
  reasons: string;
  extensionReason: string | null;
}

export function repairResult(f: RepairResultFacts): OfficialDocument {
  const filed = `你（单位）于${chineseDate(f.filedOn)}就列入${f.listTypeName}（${f.caseNumber}）提出的信用修复申请`;
  const paragraphs =
    f.outcome === 'NOT_ACCEPTED'
      ? [`${filed}，经审查，本机关决定不予受理。`, `理由：${f.reasons}`, REMEDIES]
      : [
          ...(f.extensionReason ? [`因${f.extensionReason.replace(/[。.]$/, '')}，本机关依法延长了办理期限。`] : []),
          f.outcome === 'GRANTED'
            ? `${filed}，经审核，准予信用修复。自${chineseDate(f.decidedOn)}起将你（单位）移出名单，停止公示和共享相关失信信息，解除相应惩戒措施，修复结果已推送至各配合单位。`
            : `${filed}，经审核，决定不予修复。`,
          `理由：${f.reasons}`,
          ...(f.outcome === 'REFUSED' ? [REMEDIES] : []),
        ];
  return {
    title: '信用修复结果告知书',
    number: f.number,
    addressee: addressee(f.subjectName, f.subjectCode),
    paragraphs,
    issuer: f.departmentName,
    date: chineseDate(f.decidedOn),
  };
}
