// A case as its workflow has it (the progress query): the state, the revision a form carries, the
// deadline running, the matters open and the steps the asker may take now. One zod schema serves
// the workflows (as types), the API's responses and its OpenAPI document, and the web.
import { z } from 'zod';
import { STEP_NAMES } from './steps';
import { CASE_STATES, DEADLINE_KINDS, DOCUMENT_KINDS, OBJECTION_CONCERNS, OBJECTION_SOURCES, REMOVAL_KINDS } from './vocabulary';

export const deadlineViewSchema = z
  .object({
    kind: z.enum(DEADLINE_KINDS),
    date: z.string().meta({ description: 'The last working day, Asia/Shanghai (YYYY-MM-DD)' }),
    endsAt: z.iso.datetime().meta({ description: '24:00 Asia/Shanghai of `date`' }),
    workingDays: z.number().int(),
    provisional: z.boolean().meta({ description: 'Counted over a year whose holidays are not yet published' }),
  })
  .meta({ id: 'Deadline' });
export type DeadlineView = z.infer<typeof deadlineViewSchema>;

/** A deadline the office keeps, identified within its case (CaseDeadline.key). */
export const keptDeadlineSchema = deadlineViewSchema.extend({ key: z.string() }).meta({ id: 'KeptDeadline' });
export type KeptDeadline = z.infer<typeof keptDeadlineSchema>;

export const OBJECTION_STAGES = ['AWAITING_ACCEPTANCE', 'IN_VERIFICATION'] as const;
export const REPAIR_STAGES = ['AWAITING_ACCEPTANCE', 'AWAITING_DECISION'] as const;
export type ObjectionStage = (typeof OBJECTION_STAGES)[number];
export type RepairStage = (typeof REPAIR_STAGES)[number];

export const openObjectionSchema = z
  .object({
    id: z.string(),
    source: z.enum(OBJECTION_SOURCES),
    concerns: z.enum(OBJECTION_CONCERNS),
    stage: z.enum(OBJECTION_STAGES),
    deadline: keptDeadlineSchema,
    overdue: z.boolean(),
  })
  .meta({ id: 'OpenObjection' });
export type OpenObjection = z.infer<typeof openObjectionSchema>;

export const openRepairSchema = z
  .object({
    id: z.string(),
    stage: z.enum(REPAIR_STAGES),
    deadline: keptDeadlineSchema,
    overdue: z.boolean(),
    extended: z.boolean(),
  })
  .meta({ id: 'OpenRepair' });
export type OpenRepair = z.infer<typeof openRepairSchema>;

/** A step the asker may take now (domain/steps.ts names it), on which matter, by when. */
export const openStepSchema = z
  .object({
    step: z.enum(STEP_NAMES),
    matterId: z.string().optional(),
    deadline: deadlineViewSchema.optional().meta({ description: "The office's deadline for it, if one runs" }),
    overdue: z.boolean().optional(),
    notBefore: z.iso
      .datetime()
      .optional()
      .meta({ description: 'The step opens only at this instant (repair after the minimum publication)' }),
  })
  .meta({ id: 'OpenStep' });
export type OpenStep = z.infer<typeof openStepSchema>;

export const caseProgressSchema = z
  .object({
    /** RECORDING: the draft is being recorded; BEING_LISTED: listed, the decision being served. */
    state: z.enum([...CASE_STATES, 'RECORDING', 'BEING_LISTED']),
    revision: z.number().int().meta({ description: 'Goes up with every step and change; a step form carries the one it saw' }),
    deadline: deadlineViewSchema.nullable(),
    listedAt: z.iso.datetime().nullable(),
    publicationEndsOn: z.string().nullable(),
    repairEligibleFrom: z.iso.datetime().nullable().meta({ description: 'Repair may be applied for from this instant' }),
    measuresSuspended: z.boolean(),
    objection: openObjectionSchema.nullable(),
    repair: openRepairSchema.nullable(),
    removalKind: z.enum(REMOVAL_KINDS).nullable(),
    interviewDue: z.boolean().meta({ description: 'Not rectified within the policy period: the subject is due an interview (约谈)' }),
    awaitingService: z.array(z.object({ id: z.string(), kind: z.enum(DOCUMENT_KINDS), recipient: z.string() })).meta({
      description:
        'Documents made and not yet served, each on whom (the subject or a responsible person, by code); the service on each is a step',
    }),
    steps: z.array(openStepSchema).meta({ description: 'The steps open on the case: all, or those the asker may take' }),
    settling: z.boolean().meta({ description: "The system's own follow-up (recording, serving, listing) is under way" }),
  })
  .meta({ id: 'CaseProgress' });
export type CaseProgress = z.infer<typeof caseProgressSchema>;

/**
 * Whether a case is settling after a step: the workflow's own follow-up is running, or the case as
 * recorded and as its workflow has it are not at the same state yet (listed, say, while the
 * listing's own workflow starts). No progress (the workflow did not answer) is not settling: there
 * is nothing to wait for.
 */
const isSettling = (procedure: Pick<CaseProgress, 'settling' | 'state'> | null, recordedState: string): boolean =>
  procedure !== null && (procedure.settling || procedure.state !== recordedState);

/**
 * How the case page follows a settling case up: 'settle', asking the API to answer once it has
 * settled; 'poll', when its follow-up is stuck (an activity failing again and again, which may go
 * on for hours), reading it again now and then without holding the API; null once it has settled.
 */
export const followUp = (
  procedure: Pick<CaseProgress, 'settling' | 'state'> | null,
  recorded: { state: string; followUpStuck: boolean },
): 'settle' | 'poll' | null => (!isSettling(procedure, recorded.state) ? null : recorded.followUpStuck ? 'poll' : 'settle');

/** How long the API holds a read asked to settle (GET /api/cases/:id?settle=true) at most. */
export const SETTLE_WAIT_MS = 10_000;
/** How long the case page goes on following a settling case up before it says it is still under way. */
export const SETTLE_FOR_MS = 30_000;
/** How often the page reads a case whose follow-up is stuck while it follows it up. */
export const STUCK_POLL_MS = 5_000;

/** A case's progress with nothing yet known beyond `known`: where each procedure workflow starts. */
export const caseView = (known: Pick<CaseProgress, 'state' | 'revision'> & Partial<CaseProgress>): CaseProgress => ({
  deadline: null,
  listedAt: null,
  publicationEndsOn: null,
  repairEligibleFrom: null,
  measuresSuspended: false,
  objection: null,
  repair: null,
  removalKind: null,
  interviewDue: false,
  awaitingService: [],
  steps: [],
  settling: false,
  ...known,
});
