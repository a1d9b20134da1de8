// Written results served on the party (书面告知): what became of an objection to a listing
// (异议处理结果告知书) and of a credit-repair application (信用修复结果告知书) — each with its
// reasons and, where the party loses, the remedies (002 §24, 004 §四(三), 001 §(七)).
import { chineseDate, type OfficialDocument } from './render';
import type { RemovalKind } from '../../domain/vocabulary';
import { addressee, type DesignationFacts } from './prior-notice';

const REMEDIES = '如不服，可以自收到本告知书之日起六十日内依法申请行政复议，或者自收到本告知书之日起六个月内依法向人民法院提起行政诉讼。';

export interface MatterFacts extends Pick<DesignationFacts, 'subjectName' | 'subjectCode' | 'listTypeName' | 'departmentName'> {
  number: string;
  caseNumber: string;
  filedOn: string;
  decidedOn: string;
  /** A responsible person's own matter: addressed to them, about the record on them alone. */
  person?: { name: string; code: string; role: string } | null;
}

/** How a document names the filer's record: the subject's listing, or a responsible person's record in it. */
const recordOf = (f: MatterFacts) =>
  f.person
    ? `本机关将${f.subjectName}列入${f.listTypeName}（${f.caseNumber}）中对你（${f.person.role}）记录的信息`
    : `本机关将你（单位）列入${f.listTypeName}（${f.caseNumber}）`;
const to = (f: MatterFacts) => (f.person ? addressee(f.person.name, f.person.code) : addressee(f.subjectName, f.subjectCode));

export interface ObjectionResultFacts extends MatterFacts {
  outcome: 'NOT_ACCEPTED' | 'UPHELD' | 'REJECTED';
  concerns: 'LISTING' | 'CONTENT' | 'PERIOD' | 'REPAIR_RESULT';
  grounds: string;
  reasons: string;
  remedy: 'REVOKE' | 'CORRECT' | 'SHORTEN_PERIOD' | 'GRANT_REPAIR' | null;
  correction: string | null;
  /** The new last day of publication, where the period was shortened. */
  shortenedTo: string | null;
  measuresWereSuspended: boolean;
  /** The cooperating unit that objected: the result is addressed to it, not to the party. */
  unit: string | null;
  /** How many cooperating units were told of the result. */
  unitsTold: number;
  /** The last day the correction or revocation notice stays on the public lookup. */
  noticeUntil: string | null;
}

const CONCERNS: Record<ObjectionResultFacts['concerns'], string> = {
  LISTING: '列入',
  CONTENT: '公示内容',
  PERIOD: '公示期限',
  REPAIR_RESULT: '信用修复结果',
};

/** What an upheld objection led to — only what the office did, with the dates. */
function upheldActions(f: ObjectionResultFacts, subject: string): string[] {
  const told = f.unitsTold > 0 ? `已将处理结果推送至${f.unitsTold}个配合单位` : '';
  const notice = f.noticeUntil ? `在信用网站公示说明至${chineseDate(f.noticeUntil)}` : '';
  const done = [told, notice].filter(Boolean).join('，并');
  if (f.person && (f.remedy === 'REVOKE' || f.remedy === 'GRANT_REPAIR'))
    return [
      `处理结果：自${chineseDate(f.decidedOn)}起撤销对你的失信记录，解除对你实施的惩戒措施，停止共享你本人的相关失信信息。`,
      done && `本机关${done}。`,
    ];
  switch (f.remedy) {
    case 'REVOKE':
      return [
        `处理结果：撤销列入决定，自${chineseDate(f.decidedOn)}起将${subject}移出名单，停止公示和共享相关失信信息，解除相应惩戒措施。`,
        done && `本机关${done}。`,
      ];
    case 'GRANT_REPAIR':
      return [
        `处理结果：撤销原信用修复结果，准予信用修复，自${chineseDate(f.decidedOn)}起将${subject}移出名单，停止公示和共享相关失信信息，解除相应惩戒措施。`,
        done && `本机关${done}。`,
      ];
    case 'SHORTEN_PERIOD':
      return [`处理结果：公示期限调整至${chineseDate(f.shortenedTo ?? f.decidedOn)}止，期满自动移出名单。`, done && `本机关${done}。`];
    default:
      return [
        `处理结果：对公示信息予以更正，更正后的内容为：${f.correction ?? ''}${f.measuresWereSuspended ? '核实期间中止的惩戒措施按更正后的信息恢复实施。' : ''}`,
        done && `本机关${done}。`,
      ];
  }
}

export function objectionResult(f: ObjectionResultFacts): OfficialDocument {
  const who = f.unit ? '你单位' : '你（单位）';
  const subject = f.unit ? `${f.subjectName}` : '你（单位）';
  const concern = f.concerns === 'LISTING' ? '' : `的${CONCERNS[f.concerns]}`;
  const filed = f.unit
    ? `你单位于${chineseDate(f.filedOn)}在实施联合惩戒措施中，对本机关将${f.subjectName}列入${f.listTypeName}（${f.caseNumber}）${concern}提出的异议：“${f.grounds}”`
    : `${f.person ? '你' : '你（单位）'}于${chineseDate(f.filedOn)}对${recordOf(f)}${concern}提出的异议：“${f.grounds}”`;
  const paragraphs =
    f.outcome === 'NOT_ACCEPTED'
      ? [`${filed}，经审查，本机关决定不予受理。`, `理由：${f.reasons}`, ...(f.unit ? [] : [REMEDIES])]
      : f.outcome === 'UPHELD'
        ? [`${filed}，经核实，异议成立。`, `核实意见：${f.reasons}`, ...upheldActions(f, subject).filter(Boolean)]
        : [
            `${filed}，经核实，异议不成立。`,
            `核实意见：${f.reasons}`,
            f.measuresWereSuspended ? '核实期间中止实施的惩戒措施自即日起恢复实施。' : '相关惩戒措施继续实施。',
            ...(f.unit ? [`请${who}继续依法实施相应惩戒措施。`] : [REMEDIES]),
          ];
  return {
    title: '异议处理结果告知书',
    number: f.number,
    addressee: f.unit ? `${f.unit}：` : to(f),
    paragraphs,
    issuer: f.departmentName,
    date: chineseDate(f.decidedOn),
  };
}

/** The party told of what a cooperating unit's upheld objection changed in its listing (002 §24: 核实结果还应告知当事人). */
export function correctionNotice(f: ObjectionResultFacts & { unit: string }): OfficialDocument {
  return {
    title: '信息更正告知书',
    number: f.number,
    addressee: addressee(f.subjectName, f.subjectCode),
    paragraphs: [
      `${f.unit}于${chineseDate(f.filedOn)}在实施联合惩戒措施中，对本机关将你（单位）列入${f.listTypeName}（${f.caseNumber}）的信息提出异议。经核实，异议成立。`,
      `核实意见：${f.reasons}`,
      ...upheldActions(f, '你（单位）').filter(Boolean),
    ],
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
  const filed = f.person
    ? `你于${chineseDate(f.filedOn)}就${recordOf(f)}提出的信用修复申请`
    : `你（单位）于${chineseDate(f.filedOn)}就列入${f.listTypeName}（${f.caseNumber}）提出的信用修复申请`;
  const paragraphs =
    f.outcome === 'NOT_ACCEPTED'
      ? [`${filed}，经审查，本机关决定不予受理。`, `理由：${f.reasons}`, REMEDIES]
      : [
          ...(f.extensionReason ? [`因${f.extensionReason.replace(/[。.]$/, '')}，本机关依法延长了办理期限。`] : []),
          f.outcome === 'GRANTED'
            ? f.person
              ? `${filed}，经审核，准予信用修复。自${chineseDate(f.decidedOn)}起解除对你实施的惩戒措施，停止共享你本人的相关失信信息，修复结果已推送至各配合单位。`
              : `${filed}，经审核，准予信用修复。自${chineseDate(f.decidedOn)}起将你（单位）移出名单，停止公示和共享相关失信信息，解除相应惩戒措施，修复结果已推送至各配合单位。`
            : `${filed}，经审核，决定不予修复。`,
          `理由：${f.reasons}`,
          ...(f.outcome === 'REFUSED' ? [REMEDIES] : []),
        ];
  return {
    title: '信用修复结果告知书',
    number: f.number,
    addressee: to(f),
    paragraphs,
    issuer: f.departmentName,
    date: chineseDate(f.decidedOn),
  };
}

export interface RemovalNoticeFacts extends Pick<
  MatterFacts,
  'subjectName' | 'subjectCode' | 'listTypeName' | 'departmentName' | 'number' | 'caseNumber'
> {
  decisionNumber: string;
  listedOn: string;
  removedOn: string;
  kind: Exclude<RemovalKind, 'DISHONESTY'>; // a red listing's removal has its own notice
  publicationEndsOn: string;
  reason: string | null;
  unitsTold: number;
  /** Matters still open when the subject left the list, which end with it: what and when filed. */
  ended: { matter: '异议' | '信用修复申请'; filedOn: string }[];
}

const REMOVAL_GROUNDS: Record<RemovalNoticeFacts['kind'], (f: RemovalNoticeFacts) => string> = {
  EXPIRY: (f) => `公示期已于${chineseDate(f.publicationEndsOn)}届满`,
  EARLY: (f) => `经本机关审核决定提前移出${f.reason ? `（理由：${f.reason.replace(/[。.]$/, '')}）` : ''}`,
  REPAIRED: () => '你（单位）的信用修复申请已获准予',
  REVOKED: () => '你（单位）提出的异议经核实成立，列入决定已撤销',
};

/** The party told that it has left the list (移出名单告知书): why, since when, and that the measures are lifted. */
export function removalNotice(f: RemovalNoticeFacts): OfficialDocument {
  return {
    title: '移出名单告知书',
    number: f.number,
    addressee: addressee(f.subjectName, f.subjectCode),
    paragraphs: [
      `本机关于${chineseDate(f.listedOn)}依据${f.decisionNumber}将你（单位）列入${f.listTypeName}（${f.caseNumber}）。`,
      `因${REMOVAL_GROUNDS[f.kind](f)}，本机关于${chineseDate(f.removedOn)}将你（单位）移出名单，停止公示和共享相关失信信息${
        f.unitsTold > 0 ? `，并已告知${f.unitsTold}个配合单位解除相应惩戒措施` : ''
      }。`,
      ...f.ended.map(
        (m) => `你（单位）于${chineseDate(m.filedOn)}提出的${m.matter}尚在办理中，因你（单位）已移出名单，该${m.matter}的办理随之终结。`,
      ),
    ],
    issuer: f.departmentName,
    date: chineseDate(f.removedOn),
  };
}
