// Filing (立案), as every case's workflow starts: the draft is recorded and numbered, and the
// `filed` Update (the API's update-with-start) is answered with the number — or, where the subject
// already has an active case on the same list and basis (filed at the same instant), refused,
// naming that case, with nothing recorded.
import { ActivityFailure, ApplicationFailure, allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import type { CaseProgress, DuplicateOf, PartyActor } from '../domain/procedure';
import { LOCALES, translate } from '../domain/i18n';
import { filed } from './messages';

/** Records the draft and answers the filing; true once recorded, false when refused as a duplicate (all handlers finished). */
export async function fileCase(
  caseId: string,
  progress: (actor: PartyActor) => CaseProgress,
  record: () => Promise<{ caseNumber: string }>,
): Promise<boolean> {
  let caseNumber = '';
  let duplicateOf: DuplicateOf | undefined;
  setHandler(filed, async (actor) => {
    await condition(() => caseNumber !== '' || duplicateOf !== undefined);
    if (duplicateOf) {
      const texts = Object.fromEntries(LOCALES.map((l) => [l, translate(l, 'refusal', 'duplicateListing', duplicateOf!.caseNumber)]));
      throw ApplicationFailure.create({
        type: 'DUPLICATE_LISTING',
        message: texts['zh-CN'],
        details: [texts, duplicateOf],
        nonRetryable: true,
      });
    }
    return { caseId, caseNumber, progress: progress(actor) };
  });
  try {
    ({ caseNumber } = await record());
    return true;
  } catch (err) {
    if (!(err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === 'DUPLICATE_LISTING')) throw err;
    duplicateOf = err.cause.details?.[0] as DuplicateOf;
    await condition(allHandlersFinished);
    return false; // nothing was recorded: the first case goes on
  }
}
