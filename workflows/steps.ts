// The human steps of one case's workflow, kept apart from its flow: which are open (the flow says,
// through `open`), who may take them (the step catalogue says), and the claim that makes a step
// taken once. A handler claims its step before its first await, so a second request for the same
// step — or any step on the same matter — validated meanwhile is refused, and exactly one decision
// is recorded. If recording fails, the claim is released and the step is open again.
import type { UpdateDefinition } from '@temporalio/common';
import { ActivityFailure, condition, setHandler } from '@temporalio/workflow';
import type { CaseProgress, OpenStep, PartyActor } from '../domain/procedure';
import { MATTERS, STEPS, mayTake, type StepEntry, type StepName } from '../domain/steps';
import { translate } from '../domain/i18n';
import { mustBe, mustBeCurrent, mustBeTheParty, refuse, says } from './guards';

export interface StepRequest {
  actor: PartyActor;
  revision: number;
}

export interface CaseSteps {
  departmentId: string;
  /** Who may act as the party: the subject and, for an organisation, its responsible persons (by code). */
  parties(): string[];
  view: CaseProgress;
  /** How many of the system's own activities are running. */
  running(): number;
  /** The steps the procedure has open now, whoever may take them. */
  open(): OpenStep[];
  /** The ids of the matters (objections, repair applications) open now. */
  matters(): string[];
}

export class StepBoard {
  /** The steps (by matter id, or by name where there is none) being taken at this moment. */
  private readonly claimed = new Set<string>();

  constructor(private readonly c: CaseSteps) {}

  private owners() {
    return { departmentId: this.c.departmentId, parties: this.c.parties() };
  }

  /** The case as the actor sees it: the steps they may take now (all open steps without an actor). */
  progress(actor?: PartyActor): CaseProgress {
    const steps = this.c
      .open()
      .filter((s) => !this.claimed.has(claimKey(s.step, s.matterId)) && (!actor || mayTake(actor, s.step, s.matterId, this.owners())));
    return { ...this.c.view, steps, settling: this.c.running() > 0 };
  }

  /** Whether someone is taking this step (on any matter) at this moment. */
  taking(step: StepName): boolean {
    return [...this.claimed].some((key) => key === step);
  }

  /**
   * Registers a step's Update. The validator checks, in order: the role and department, the
   * party's own case, the step's own rule (`check`), that no one is taking it, that it is open
   * (on that matter), and that the form was filled in on the case as it is now.
   */
  handle<Req extends StepRequest, Ret>(
    definition: UpdateDefinition<Ret, [Req]>,
    handler: (request: Req) => Promise<Ret>,
    check?: (request: Req) => void,
  ): void {
    const name = definition.name as StepName;
    const e: StepEntry = STEPS[name];
    const matterIdOf = (r: Req) => (e.matter ? String((r as unknown as Record<string, unknown>)[MATTERS[e.matter].idField]) : undefined);
    setHandler(
      definition,
      async (request) => {
        const key = claimKey(name, matterIdOf(request));
        this.claimed.add(key); // before the first await: a concurrent second request is refused
        this.c.view.revision++;
        try {
          return await handler(request);
        } catch (err) {
          if (err instanceof ActivityFailure) {
            refuse('NOT_RECORDED', (l) => translate(l, 'refusal', 'notRecorded', translate(l, 'step', name)));
          }
          throw err;
        } finally {
          this.claimed.delete(key);
        }
      },
      {
        validator: (request) => {
          mustBe(request.actor, e.roles, name, this.c.departmentId);
          if (e.partysOwn) mustBeTheParty(request.actor, this.c.parties());
          check?.(request);
          const matterId = matterIdOf(request);
          if (matterId !== undefined && !this.c.matters().includes(matterId)) {
            refuse('UNKNOWN_MATTER', says('unknownMatter'));
          }
          if (this.claimed.has(claimKey(name, matterId))) {
            refuse('IN_PROGRESS', says('inProgress'));
          }
          if (!this.c.open().some((s) => s.step === name && s.matterId === matterId)) {
            refuse('WRONG_STATE', (l) => translate(l, 'refusal', 'notOpen', translate(l, 'step', name)));
          }
          mustBeCurrent(request.revision, this.c.view.revision);
        },
      },
    );
  }
}

const claimKey = (step: StepName, matterId?: string) => matterId ?? step;

/**
 * Runs what it is given one at a time: handlers interleave at each await, and some steps (the
 * service on each of several parties) must know, when they record, whether they are the last.
 */
export function oneAtATime() {
  let busy = false;
  return async <T>(run: () => Promise<T>): Promise<T> => {
    await condition(() => !busy);
    busy = true;
    try {
      return await run();
    } finally {
      busy = false;
    }
  };
}
