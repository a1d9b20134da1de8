// The checks every Update validator makes before a human step is taken. A refusal carries a code
// and its reason in every language (from the catalogue, domain/i18n) for the API to show the user
// in theirs; nothing changes.
import { ApplicationFailure } from '@temporalio/workflow';
import { LOCALES, translate, type Locale, type TextKey } from '../domain/i18n';
import type { PartyActor, RejectionCode } from '../domain/procedure';
import type { StepName } from '../domain/steps';
import type { Actor, Role } from '../domain/vocabulary';
import { shanghaiDate } from '../domain/workdays';

/** A refusal's reason, in a given language. */
export type Reason = (locale: Locale) => string;

/** The reason `key` of the catalogue's refusals, with its arguments. */
export const says =
  (key: TextKey<'refusal'>, ...args: (string | number)[]): Reason =>
  (locale) =>
    translate(locale, 'refusal', key, ...args);

export function refuse(code: RejectionCode, reason: Reason): never {
  const texts = Object.fromEntries(LOCALES.map((l) => [l, reason(l)])) as Record<Locale, string>;
  throw ApplicationFailure.create({ type: code, message: texts['zh-CN'], details: [texts], nonRetryable: true });
}

/** The actor has one of the roles; a caseworker or supervisor belongs to the case's department. */
export function mustBe(actor: Actor, roles: readonly Role[], step: StepName, departmentId: string): void {
  if (!roles.includes(actor.role)) {
    refuse('WRONG_ROLE', (l) => {
      const who = roles.map((r) => translate(l, 'refusal', `role.${r}`)).join(translate(l, 'refusal', 'or'));
      return translate(l, 'refusal', 'wrongRole', who, translate(l, 'step', step));
    });
  }
  if ((actor.role === 'CASEWORKER' || actor.role === 'SUPERVISOR') && actor.departmentId !== departmentId) {
    refuse('WRONG_DEPARTMENT', says('wrongDepartment'));
  }
}

/** A party acts only for the subject it speaks for, or as one of its responsible persons (parties in their own right). */
export function mustBeTheParty(actor: PartyActor, parties: readonly string[]): void {
  if (actor.role === 'PARTY' && !parties.includes(actor.subjectCode ?? '')) refuse('NOT_THE_PARTY', says('notTheParty'));
}

/** The form was filled in on the case as it is now, not on a page that has since changed. */
export function mustBeCurrent(revision: number, current: number): void {
  if (revision !== current) refuse('STALE', says('stale'));
}

/**
 * A party acknowledges service itself only of what is served on it, only electronically, and on
 * the day it does so (电子送达: the day it reaches the party).
 */
export function mustAcknowledgeOwn(actor: PartyActor, recipient: string, method: string, receivedOn: string): void {
  if (actor.subjectCode !== recipient) refuse('NOT_THE_PARTY', says('notTheParty'));
  if (method !== 'ELECTRONIC') refuse('WRONG_ROLE', says('partyServiceElectronic'));
  if (receivedOn !== shanghaiDate(new Date())) refuse('INVALID_DATE', says('partyServiceToday'));
}
