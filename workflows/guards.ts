// The checks every Update validator makes before a human step is taken. A refusal carries a
// code and a reason (zh-CN; English in details) the API shows the user; nothing changes.
import { ApplicationFailure } from '@temporalio/workflow';
import type { PartyActor, RejectionCode } from '../domain/procedure';
import type { Actor, Role } from '../domain/vocabulary';

export function refuse(code: RejectionCode, zh: string, en: string): never {
  throw ApplicationFailure.create({ type: code, message: zh, details: [en], nonRetryable: true });
}

const ROLE_NAMES: Record<Role, [string, string]> = {
  CASEWORKER: ['经办人', 'a caseworker'],
  SUPERVISOR: ['审核人', 'a supervisor'],
  COOPERATING_UNIT: ['配合单位', 'a cooperating unit'],
  PARTY: ['当事人', 'the party'],
  ADMINISTRATOR: ['系统管理员', 'an administrator'],
};

/** The actor has one of the roles; a caseworker or supervisor belongs to the case's department. */
export function mustBe(actor: Actor, roles: readonly Role[], step: readonly [string, string], departmentId: string): void {
  if (!roles.includes(actor.role)) {
    const zh = roles.map((r) => ROLE_NAMES[r][0]).join('或');
    const en = roles.map((r) => ROLE_NAMES[r][1]).join(' or ');
    refuse('WRONG_ROLE', `只有${zh}可以${step[0]}`, `Only ${en} may ${step[1]}`);
  }
  if ((actor.role === 'CASEWORKER' || actor.role === 'SUPERVISOR') && actor.departmentId !== departmentId) {
    refuse('WRONG_DEPARTMENT', '本案不属于您所在部门', 'This case belongs to another department');
  }
}

/** A party acts only for the subject it speaks for. */
export function mustBeTheParty(actor: PartyActor, subjectCode: string): void {
  if (actor.role === 'PARTY' && actor.subjectCode !== subjectCode)
    refuse('NOT_THE_PARTY', '您不是本案当事人', 'You are not the party to this case');
}

/** The form was filled in on the case as it is now, not on a page that has since changed. */
export function mustBeCurrent(revision: number, current: number): void {
  if (revision !== current) {
    refuse(
      'STALE',
      '案件在您填写期间已有变化，请刷新页面核对后重新提交',
      'The case changed while you were filling in the form; reload the page, check it and submit again',
    );
  }
}
