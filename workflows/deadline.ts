// One updatable deadline for every deadline the office keeps, in both workflows: a timer that
// waits until the step is done or the deadline passes, and moves when the calendar is corrected
// (recomputed by an activity) or the period is extended (the slot is given a new deadline); a
// provisional deadline (next year's holidays not yet published) is recomputed once more when it
// falls due, and acted on as shown if it still stands.
import { condition } from '@temporalio/workflow';
import type { KeptDeadline } from '../domain/procedure';

export interface DeadlineSlot {
  deadline: KeptDeadline;
}

export class DeadlineKeeper {
  /** How many calendar corrections this run has been told of. */
  private corrections = 0;

  constructor(
    private readonly recompute: (key: string) => Promise<KeptDeadline>,
    /** The slot's deadline moved to another date (or stopped being provisional). */
    private readonly onMoved: (slot: DeadlineSlot) => void,
  ) {}

  /** The working-day calendar was corrected (the calendarCorrected signal). */
  calendarCorrected(): void {
    this.corrections++;
  }

  /**
   * Keeps `slot.deadline` until `done()`: resolves 'done', or 'passed' once the deadline has run
   * out with the step not taken. Corrections from `since` on count (by default, those from now).
   */
  async keep(slot: DeadlineSlot, done: () => boolean, since = this.corrections): Promise<'done' | 'passed'> {
    let seen = since;
    for (;;) {
      const d = slot.deadline;
      const remaining = Date.parse(d.endsAt) - Date.now();
      if (remaining > 0) await condition(() => done() || this.corrections !== seen || slot.deadline !== d, remaining);
      if (done()) return 'done';
      if (slot.deadline !== d) continue; // extended
      const due = Date.now() >= Date.parse(d.endsAt);
      if (this.corrections !== seen || (due && d.provisional)) {
        seen = this.corrections;
        const next = await this.recompute(d.key);
        if (slot.deadline === d && (next.date !== d.date || next.provisional !== d.provisional)) {
          slot.deadline = next;
          this.onMoved(slot);
        }
        if (Date.now() < Date.parse(slot.deadline.endsAt) || done()) continue;
      } else if (!due) continue;
      return 'passed';
    }
  }
}
