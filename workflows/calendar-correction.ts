// A calendar change delivered to every running case it touches (工作日历更正): each case's workflow
// is told, and recomputes its own deadline and moves its timer; the units' deadlines are counted
// again. A workflow, not a loop in the request, so that a crash part-way resumes where it stopped
// and no case keeps a stale timer. Telling a case twice is harmless: it recomputes to the same day.
import { continueAsNew, getExternalWorkflowHandle, patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createCalendarCorrectionActivities } from '../activities/calendar-correction';
import { calendarCorrected } from './messages';

const { calendarCorrectionTargets, moveUnitDeadlines, finishCalendarChange } = proxyActivities<
  ReturnType<typeof createCalendarCorrectionActivities>
>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const PAGE = 200;

export interface CalendarCorrection {
  changeId: string;
  year: number;
  /** Where a continued run takes up: the last workflow told, and how many so far. */
  after?: string;
  told?: number;
}

export async function calendarCorrectionWorkflow(input: CalendarCorrection): Promise<{ casesTold: number; unitDeadlinesMoved: number }> {
  let { after = '', told = 0 } = input;
  for (;;) {
    const page = await calendarCorrectionTargets({ year: input.year, after, limit: PAGE });
    // A page's cases are told at once (one workflow task sends every signal), not one round trip
    // each; a case that closed meanwhile has no deadline left to move.
    // (A correction that began telling them one at a time goes on so: its history says so.)
    if (patched('calendar-page-at-once')) {
      const sent = await Promise.allSettled(page.map((id) => getExternalWorkflowHandle(id).signal(calendarCorrected)));
      told += sent.filter((s) => s.status === 'fulfilled').length;
    } else {
      for (const id of page) {
        try {
          await getExternalWorkflowHandle(id).signal(calendarCorrected);
          told++;
        } catch {
          // closed meanwhile
        }
      }
    }
    if (page.length < PAGE) break;
    after = page.at(-1)!;
    // A long list is told over several runs, each with a history of its own.
    if (workflowInfo().historyLength > 5_000) await continueAsNew<typeof calendarCorrectionWorkflow>({ ...input, after, told });
  }
  const unitDeadlinesMoved = await moveUnitDeadlines({ year: input.year });
  await finishCalendarChange({ changeId: input.changeId, casesTold: told, unitDeadlinesMoved, at: new Date().toISOString() });
  return { casesTold: told, unitDeadlinesMoved };
}
