// The zod schemas shared by the API and the web forms: one definition of every input.
// Messages are keys into ./messages.ts so each side can speak the user's language.
import { PUBLICATION_STARTS } from './policy';
import { z } from 'zod';
import { checkResidentId, checkUscc } from './codes';
import {
  BLACK_BASIS_KINDS,
  RED_BASIS_KINDS,
  INTERVIEW_KINDS,
  LENIENCY_GROUNDS,
  OBJECTION_CONCERNS,
  OBJECTION_REMEDIES,
  REPAIR_METHODS,
  RESPONSIBLE_ROLES,
  STATEMENT_KINDS,
  SUBJECT_TYPES,
  TIERS,
  SERVICE_METHODS,
  FEEDBACK_OUTCOMES,
  ROLES,
  MEASURE_CATEGORIES,
  MEASURE_TARGETS,
  CREDIT_FIELDS,
  LIST_KINDS,
} from './vocabulary';

/**
 * Text a person can type and the database can store: no NUL or other control characters (tab and
 * line breaks aside), no half of a surrogate pair, no non-characters. PostgreSQL refuses NUL in
 * text, and a value it refuses must never reach an activity that would retry it without end.
 */
const UNSTORABLE =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const storable = () => z.string().refine((s) => !UNSTORABLE.test(s), 'text.invalidCharacters');

/** A calendar date that exists (2026-02-30 does not), from 1949 to 2100. */
export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date.format')
  .refine(isRealDate, 'date.nonexistent')
  .refine((s) => s >= '1949-10-01' && s <= '2100-12-31', 'date.range');
const text = (min: number, max: number) =>
  storable()
    .trim()
    .min(min, min <= 1 ? 'required' : `text.min:${min}`)
    .max(max, `text.max:${max}`);
/** An identifying code (credit code, ID number, list type): upper-cased, printable ASCII only. */
const code = () =>
  z
    .string()
    .trim()
    .toUpperCase()
    .min(1, 'required')
    .max(64, 'text.max:64')
    .regex(/^[\x21-\x7E]*$/, 'code.charset');

/**
 * The evidence files taken, by the type their content shows (never their name), with the
 * extensions they are offered under: PDF, scans as JPEG, PNG or TIFF, and OFD (GB/T 33190, China's
 * format for electronic official documents).
 */
export const ATTACHMENT_TYPES = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'image/tiff': ['.tif', '.tiff'],
  'application/ofd': ['.ofd'],
} as const satisfies Record<string, readonly string[]>;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;
/** The largest evidence file taken, and how many one step may carry. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
export const ATTACHMENTS_PER_STEP = 10;
/**
 * Evidence files a step carries: the ids POST /api/attachments answered with. The API checks that
 * each is the user's own upload not yet filed with anything; the step's activity links them.
 * (`x-attachments` tells the step form to show an upload.)
 */
export const attachmentIds = () =>
  z
    .array(z.uuid('attachment.id'))
    .max(ATTACHMENTS_PER_STEP, `attachment.tooMany:${ATTACHMENTS_PER_STEP}`)
    .refine((ids) => new Set(ids).size === ids.length, 'attachment.duplicate')
    // Optional rather than defaulted: a step recorded before files could be attached has none.
    .optional()
    .meta({ 'x-attachments': true, description: 'Ids of uploaded evidence files (POST /api/attachments)' });

// What a black and a red listing both name: the subject, its list, the document it rests on (with
// its scan), and the reasons.
const subjectFields = {
  subjectName: text(2, 200),
  subjectType: z.enum(SUBJECT_TYPES, 'required'),
  subjectCode: code(),
  listType: code(),
};
const basisOf = <K extends readonly [string, ...string[]]>(kinds: K) =>
  z.object({
    kind: z.enum(kinds, 'required'),
    number: text(1, 100), // 文书编号, e.g. 闽税稽罚〔2026〕12号
    issuer: text(2, 100), // 作出机关
    date: isoDate.refine((s) => s <= new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10), 'date.future'),
    // The scanned basis document (据以认定的文书).
    attachments: attachmentIds(),
  });
// Recommended measures (or incentives) proposed, each with why it is chosen; mandatory ones apply anyway.
const recommendedMeasures = () =>
  z
    .array(
      z.object({
        measureId: z
          .string()
          .min(1, 'required')
          .max(64, 'text.max:64')
          .regex(/^[\w-]+$/, 'code.charset'),
        reasons: text(5, 500),
      }),
    )
    .max(50)
    .default([]);
/** The subject's code checked as a USCC (organisation) or a resident ID (person); each measure chosen once. */
function checkSubjectAndMeasures(
  v: { subjectType: string; subjectCode: string; recommendedMeasures: { measureId: string }[] },
  ctx: z.RefinementCtx,
) {
  if (v.subjectCode) {
    const result = v.subjectType === 'PERSON' ? checkResidentId(v.subjectCode) : checkUscc(v.subjectCode);
    if (!result.ok) {
      const kind = v.subjectType === 'PERSON' ? 'residentId' : 'uscc';
      ctx.addIssue({ code: 'custom', path: ['subjectCode'], message: `${kind}.${result.problem}` });
    }
  }
  const seenMeasures = new Set<string>();
  v.recommendedMeasures.forEach((m, i) => {
    if (seenMeasures.has(m.measureId))
      ctx.addIssue({ code: 'custom', path: ['recommendedMeasures', i, 'measureId'], message: 'measures.duplicate' });
    seenMeasures.add(m.measureId);
  });
}

export const designationSchema = z
  .object({
    ...subjectFields,
    tier: z.enum(TIERS, 'required'),
    basis: basisOf(BLACK_BASIS_KINDS),
    reasons: text(10, 5000),
    // An organisation's legal representative, principal and directly responsible persons.
    responsiblePersons: z
      .array(
        z.object({
          role: z.enum(RESPONSIBLE_ROLES, 'required'),
          name: text(2, 50),
          idNumber: code(),
        }),
      )
      .max(20, 'responsible.tooMany')
      .default([]),
    // Recommended measures the caseworker proposes, each with why it is chosen (过惩相当); mandatory
    // ones of the list type that suit the tier always apply.
    recommendedMeasures: recommendedMeasures(),
    // A minor-tier record is as a rule not published (国办发〔2025〕22号); where it must be, why.
    minorPublicationReasons: storable().trim().max(2000, 'text.max:2000').default(''),
    leniency: z
      .object({
        grounds: z.array(z.enum(LENIENCY_GROUNDS)).max(LENIENCY_GROUNDS.length).default([]),
        reasons: storable().trim().max(2000, 'text.max:2000').default(''),
      })
      .default({ grounds: [], reasons: '' }),
    // Information the law declares unrepairable (法律法规规定不可修复) cannot be repaired early.
    unrepairable: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    checkSubjectAndMeasures(v, ctx);
    if (v.subjectType === 'ORGANISATION' && !v.responsiblePersons.some((p) => p.role === 'LEGAL_REPRESENTATIVE')) {
      ctx.addIssue({ code: 'custom', path: ['responsiblePersons'], message: 'responsible.legalRepresentative' });
    }
    if (v.subjectType === 'PERSON' && v.responsiblePersons.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['responsiblePersons'], message: 'responsible.onlyOrganisations' });
    }
    const seenPersons = new Set<string>();
    v.responsiblePersons.forEach((p, i) => {
      const key = `${p.role}:${p.idNumber}`;
      if (seenPersons.has(key))
        ctx.addIssue({ code: 'custom', path: ['responsiblePersons', i, 'idNumber'], message: 'responsible.duplicate' });
      seenPersons.add(key);
      const r = checkResidentId(p.idNumber);
      if (p.idNumber && !r.ok)
        ctx.addIssue({ code: 'custom', path: ['responsiblePersons', i, 'idNumber'], message: `residentId.${r.problem}` });
    });
    if (v.tier === 'MINOR' && v.minorPublicationReasons.length > 0 && v.minorPublicationReasons.length < 10) {
      ctx.addIssue({ code: 'custom', path: ['minorPublicationReasons'], message: 'publication.reasons' });
    }
    if (v.leniency.grounds.length > 0 && v.leniency.reasons.length < 10) {
      ctx.addIssue({ code: 'custom', path: ['leniency', 'reasons'], message: 'leniency.reasons' });
    }
    if (v.leniency.grounds.includes('MINOR_PERSON') && v.subjectType !== 'PERSON') {
      ctx.addIssue({ code: 'custom', path: ['leniency', 'grounds'], message: 'leniency.minorIsPerson' });
    }
  });
export type DesignationInput = z.infer<typeof designationSchema>;
export type DesignationForm = z.input<typeof designationSchema>;

// A red listing (列入守信激励对象名单): the subject, the red list, what it rests on (a commendation,
// a credit evaluation), the reasons and the incentives proposed besides the mandatory ones. No tier,
// no responsible persons, no prior notice: it restrains no one.
export const redListingSchema = z
  .object({
    ...subjectFields,
    basis: basisOf(RED_BASIS_KINDS),
    reasons: text(10, 5000),
    recommendedMeasures: recommendedMeasures(),
  })
  .superRefine(checkSubjectAndMeasures);
export type RedListingInput = z.infer<typeof redListingSchema>;
export type RedListingForm = z.input<typeof redListingSchema>;

// Every human step carries the revision of the case the user saw; a step taken on a page that
// has since changed is refused as stale (the workflow compares it).
export const revisionSchema = z.number('required').int().nonnegative();
const revision = revisionSchema;
const reasonsWhen = <T extends { reasons: string }>(needed: (v: T) => boolean) =>
  ((v: T, ctx: z.RefinementCtx) => {
    if (needed(v) && v.reasons.length < 5) ctx.addIssue({ code: 'custom', path: ['reasons'], message: 'reasons.required' });
  }) as (v: T, ctx: z.RefinementCtx) => void;
const optionalReasons = storable().trim().max(2000, 'text.max:2000').default('');

export const statementSchema = z.object({
  revision,
  kind: z.enum(STATEMENT_KINDS, 'required'),
  content: text(10, 5000),
  attachments: attachmentIds(),
});
export type StatementInput = z.infer<typeof statementSchema>;

export const reviewDecisionSchema = z.object({
  revision,
  accepted: z.boolean('required'),
  reasons: text(5, 2000),
});
export type ReviewDecisionInput = z.infer<typeof reviewDecisionSchema>;

// A supervisor's approval of the prior notice or of the listing decision; returning or refusing
// needs reasons, approving does not.
export const approvalSchema = z
  .object({ revision, approved: z.boolean('required'), reasons: optionalReasons })
  .superRefine(reasonsWhen((v: { approved: boolean; reasons: string }) => !v.approved));
export type ApprovalInput = z.infer<typeof approvalSchema>;

// A supervisor's early removal (提前移出) of a listed subject, with its recorded reason.
export const earlyRemovalSchema = z.object({ revision, reason: text(10, 2000) });
export type EarlyRemovalInput = z.infer<typeof earlyRemovalSchema>;

// An objection to a listing (异议申请): what it is raised against, its grounds and evidence.
export const objectionSchema = z.object({
  revision,
  concerns: z.enum(OBJECTION_CONCERNS, 'required').default('LISTING'),
  grounds: text(10, 5000),
  attachments: attachmentIds(),
});
export type ObjectionInput = z.infer<typeof objectionSchema>;

// Acceptance of an objection or a repair application: a refusal carries reasons.
export const acceptanceSchema = z
  .object({ revision, accepted: z.boolean('required'), reasons: optionalReasons })
  .superRefine(reasonsWhen((v: { accepted: boolean; reasons: string }) => !v.accepted));
export type AcceptanceInput = z.infer<typeof acceptanceSchema>;

// The result of verifying an objection (核实结果).
export const objectionOutcomeSchema = z
  .object({
    revision,
    upheld: z.boolean('required'),
    remedy: z.enum(OBJECTION_REMEDIES).optional(),
    correction: storable().trim().max(5000, 'text.max:5000').default(''),
    // The new last day of publication, where the period is shortened.
    publicationEndsOn: isoDate.meta({ format: 'date' }).optional(),
    reasons: text(5, 2000),
  })
  .superRefine((v, ctx) => {
    if (v.upheld && !v.remedy) ctx.addIssue({ code: 'custom', path: ['remedy'], message: 'required' });
    if (v.upheld && v.remedy === 'SHORTEN_PERIOD' && !v.publicationEndsOn)
      ctx.addIssue({ code: 'custom', path: ['publicationEndsOn'], message: 'required' });
    if (v.upheld && v.remedy === 'CORRECT' && v.correction.length < 10)
      ctx.addIssue({ code: 'custom', path: ['correction'], message: 'objection.correction' });
  });
export type ObjectionOutcomeInput = z.infer<typeof objectionOutcomeSchema>;

// A credit-repair application (信用修复申请): proof of correction and a credit commitment (2025 rules);
// the older local methods are optional.
export const repairApplicationSchema = z.object({
  revision,
  correctionProof: text(10, 5000),
  commitment: text(10, 5000),
  commitmentSigned: z.literal(true, 'repair.commitment'),
  otherMethods: z.array(z.enum(REPAIR_METHODS)).max(REPAIR_METHODS.length).default([]),
  attachments: attachmentIds(),
});
export type RepairApplicationInput = z.infer<typeof repairApplicationSchema>;

// One extension of the repair decision period, with the reason told to the applicant.
export const repairExtensionSchema = z.object({ revision, reason: text(10, 2000) });
export type RepairExtensionInput = z.infer<typeof repairExtensionSchema>;

export const repairDecisionSchema = z.object({ revision, granted: z.boolean('required'), reasons: text(5, 2000) });
export type RepairDecisionInput = z.infer<typeof repairDecisionSchema>;

// Service of a document on the party (送达): how, and the day on the receipt (the day of delivery,
// the postal receipt's date, or the day of the announcement, after which service is deemed made).
export const serviceSchema = z.object({
  revision,
  method: z.enum(SERVICE_METHODS, 'required'),
  receivedOn: isoDate.meta({ format: 'date' }),
  note: optionalReasons,
});
export type ServiceInput = z.infer<typeof serviceSchema>;

// An interview (约谈) the listing department calls a subject that has not rectified to: which kind,
// when and where, and what the subject is called to account for.
export const interviewScheduleSchema = z.object({
  revision,
  kind: z.enum(INTERVIEW_KINDS, 'required'),
  scheduledFor: isoDate.meta({ format: 'date' }),
  place: text(2, 200),
  notice: text(10, 2000),
});
export type InterviewScheduleInput = z.infer<typeof interviewScheduleSchema>;

// The interview held: the day, who attended (for the subject and the office) and the minutes.
export const interviewRecordSchema = z.object({
  revision,
  heldOn: isoDate.meta({ format: 'date' }),
  attendees: text(2, 1000),
  minutes: text(10, 10000),
});
export type InterviewRecordInput = z.infer<typeof interviewRecordSchema>;

export const loginSchema = z.object({
  username: text(1, 64),
  password: storable().min(1, 'required').max(200, 'text.max:200'),
  /** The second factor's 6-digit code, for an account that has enrolled one (asked after the password). */
  code: z
    .string()
    .trim()
    .regex(/^(\d{6})?$/, 'totp.format')
    .optional(),
});
export type LoginInput = z.infer<typeof loginSchema>;

/**
 * The password policy (等保 2.0 三级: 口令复杂度): at least 12 characters, at least three of lower
 * case, upper case, digits and symbols, not containing the user name. The reasons a password breaks
 * it, as message keys; none when it keeps it. Also what create-user checks.
 */
export const PASSWORD_MIN_LENGTH = 12;
export function passwordPolicyIssues(username: string, password: string): string[] {
  const issues: string[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) issues.push(`password.length:${PASSWORD_MIN_LENGTH}`);
  const classes = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}\s]/u].filter((c) => c.test(password)).length;
  if (classes < 3) issues.push('password.classes');
  if (username && password.toLowerCase().includes(username.toLowerCase())) issues.push('password.username');
  return issues;
}

/**
 * A password change by the signed-in user: the current password, the new one (the policy above,
 * and not the current one) typed twice. `username` is whose password it is, for the policy's
 * "not containing the user name": the form fills it in, and the API sets it to the signed-in user's.
 */
export const passwordChangeSchema = z
  .object({
    username: z.string().max(64),
    currentPassword: storable().min(1, 'required').max(200, 'text.max:200'),
    newPassword: storable().min(1, 'required').max(200, 'text.max:200'),
    confirmPassword: z.string().min(1, 'required'),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const [first] = passwordPolicyIssues(v.username, v.newPassword);
    if (v.newPassword && first) issue('newPassword', first);
    else if (v.newPassword && v.newPassword === v.currentPassword) issue('newPassword', 'password.sameAsCurrent');
    if (v.confirmPassword && v.confirmPassword !== v.newPassword) issue('confirmPassword', 'password.confirm');
  });
export type PasswordChangeInput = z.infer<typeof passwordChangeSchema>;

// An administrator's entry of one year's holiday schedule (the State Council's yearly notice).
export const CALENDAR_DAY_KINDS = ['HOLIDAY', 'MAKEUP_WORKDAY'] as const;
/** One marked day: a statutory holiday (休) or a make-up working day (班), with the holiday it belongs to. */
export const calendarDaySchema = z.object({
  date: isoDate,
  kind: z.enum(CALENDAR_DAY_KINDS, 'required'),
  name: text(1, 50),
});
export type CalendarDay = z.infer<typeof calendarDaySchema>;

/** Why a well-formed day does not belong in `year`'s schedule (another year, a make-up day on a weekday), or null. */
export function calendarDayIssue(year: number, day: CalendarDay): string | null {
  if (!day.date.startsWith(`${year}-`)) return 'calendar.wrongYear';
  const weekday = new Date(`${day.date}T00:00:00Z`).getUTCDay();
  if (day.kind === 'MAKEUP_WORKDAY' && weekday !== 0 && weekday !== 6) return 'calendar.makeUpNotWeekend';
  return null;
}

export const calendarYearSchema = z
  .object({
    year: z.number('required').int().min(2004, 'calendar.year').max(2100, 'calendar.year'),
    days: z.array(calendarDaySchema).min(1, 'calendar.empty').max(366, 'calendar.empty'),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.days.forEach((d, i) => {
      const issue = calendarDayIssue(v.year, d);
      if (issue) ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: issue });
      if (seen.has(d.date)) ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: 'calendar.duplicate' });
      seen.add(d.date);
    });
  });
export type CalendarYearInput = z.infer<typeof calendarYearSchema>;

const workingDays = (max: number) => z.number('required').int('policy.integer').min(1, 'policy.min').max(max, `policy.max:${max}`);
const months = z.number('required').int('policy.integer').min(0, 'policy.nonNegative').max(120, 'policy.max:120');

// A new version of a policy: every period and switch of the procedure (domain.md, "Policies").
export const policyTermsSchema = z
  .object({
    name: text(2, 100),
    source: text(2, 500),
    noticeWorkingDays: workingDays(60),
    statementReviewWorkingDays: workingDays(60),
    announcementServiceDays: z.number('required').int('policy.integer').min(1, 'policy.min').max(90, 'policy.max:90'),
    publicationStartsFrom: z.enum(PUBLICATION_STARTS, 'required'),
    objectionAcceptanceStep: z.boolean('required'),
    objectionAcceptanceWorkingDays: workingDays(30),
    objectionVerificationWorkingDays: workingDays(60),
    suspendMeasuresDuringVerification: z.boolean('required'),
    repairAcceptanceWorkingDays: workingDays(30),
    repairDecisionWorkingDays: workingDays(60),
    rectificationMonths: z.number('required').int('policy.integer').min(1, 'policy.min').max(36, 'policy.max:36'),
    correctionNoticeDays: z.number('required').int('policy.integer').min(1, 'policy.min').max(365, 'policy.max:365'),
    unitAcknowledgementWorkingDays: workingDays(30),
    unitFeedbackWorkingDays: workingDays(60),
    unitLiftingWorkingDays: workingDays(30),
    publicationMonths: z.object({
      MINOR: z.object({ min: months, max: months }),
      GENERAL: z.object({ min: months, max: months }),
      SERIOUS: z.object({ min: months, max: months }),
    }),
  })
  .superRefine((v, ctx) => {
    for (const tier of ['MINOR', 'GENERAL', 'SERIOUS'] as const) {
      const p = v.publicationMonths[tier];
      if (p.max < p.min) ctx.addIssue({ code: 'custom', path: ['publicationMonths', tier, 'max'], message: 'policy.maxBelowMin' });
      if (p.max === 0) ctx.addIssue({ code: 'custom', path: ['publicationMonths', tier, 'max'], message: 'policy.min' });
    }
  });
export type PolicyTermsInput = z.infer<typeof policyTermsSchema>;

// ── Cooperating units: execution feedback and their systems' access ─────────────────────────
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** A unit's feedback on one measure of a listing, on one subject it restrains (执行反馈). */
export const executionFeedbackSchema = z
  .object({
    measureId: code().meta({ description: 'A measure of the listing that the unit implements' }),
    subjectCode: code().meta({ description: 'Whom it restrains: the subject, or a responsible person' }),
    outcome: z.enum(FEEDBACK_OUTCOMES, 'required'),
    on: isoDate
      .refine((s) => s <= today(), 'feedback.future')
      .optional()
      .meta({ format: 'date', description: 'The day it was applied or lifted (required for both)' }),
    matter: text(0, 500)
      .optional()
      .meta({ description: 'The matter it was applied in (a tender refused, a permit tightened, a subsidy withheld)' }),
    reason: text(0, 500).optional().meta({ description: 'Why it does not apply' }),
  })
  .superRefine((v, ctx) => {
    if (v.outcome !== 'NOT_APPLICABLE' && !v.on) ctx.addIssue({ code: 'custom', path: ['on'], message: 'required' });
    if (v.outcome === 'APPLIED' && (v.matter ?? '').length < 5)
      ctx.addIssue({ code: 'custom', path: ['matter'], message: 'feedback.matter' });
    if (v.outcome === 'NOT_APPLICABLE' && (v.reason ?? '').length < 5)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'reasons.required' });
  });
export type ExecutionFeedbackInput = z.infer<typeof executionFeedbackSchema>;

/** The same feedback posted by a unit's own system, naming the case by its number. */
export const machineFeedbackSchema = z.object({ caseNumber: text(1, 100) }).and(executionFeedbackSchema);

export const apiKeyInputSchema = z.object({ name: text(2, 100).meta({ description: 'What the key is for, e.g. the system calling' }) });

export const webhookInputSchema = z.object({
  url: z
    .string()
    .trim()
    .max(2000, 'text.max:2000')
    .refine((s) => {
      try {
        return ['http:', 'https:'].includes(new URL(s).protocol);
      } catch {
        return false;
      }
    }, 'webhook.url'),
  active: z.boolean().default(true),
});

/** A subject's code as a unit's system asks about it: a valid unified social credit code or resident ID number. */
export const subjectCodeSchema = code().refine((v) => checkUscc(v).ok || checkResidentId(v).ok, 'subjectCode.invalid');

/**
 * What the public lookup (信用公示查询) is asked: an organisation by its unified social credit code or
 * its name (organisations' names are public: part of one finds it); a natural person only by full
 * name and resident ID number together, both exact — nothing about a person answers a partial query,
 * so a masked name (张**) cannot be recovered a character at a time.
 */
export const publicLookupFields = {
  type: z.enum(SUBJECT_TYPES).default('ORGANISATION'),
  /** An organisation's code or name. */
  q: storable().trim().max(100, 'text.max:100').default(''),
  /** A person's full name and ID number. */
  name: storable().trim().max(50, 'text.max:50').default(''),
  idNumber: storable().trim().toUpperCase().max(18, 'residentId.length').default(''),
};
export function checkPublicLookup(v: { type: string; q: string; name: string; idNumber: string }, ctx: z.RefinementCtx) {
  const atLeastTwo = (field: 'q' | 'name', value: string) => {
    if (value.length < 2) ctx.addIssue({ code: 'custom', path: [field], message: value ? 'text.min:2' : 'required' });
  };
  if (v.type === 'ORGANISATION') return atLeastTwo('q', v.q);
  atLeastTwo('name', v.name);
  const id = v.idNumber ? checkResidentId(v.idNumber) : null;
  if (!id) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: 'required' });
  else if (!id.ok) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: `residentId.${id.problem}` });
}
export const publicLookupSchema = z.object(publicLookupFields).superRefine(checkPublicLookup);
export type PublicLookupInput = z.input<typeof publicLookupSchema>;

// ── The administrator's pages: users, departments, the measures catalogue, list types ─────────
// Every change carries its reason (管理变更记录: who, when, what before and after, why).
const reason = () => text(4, 500);
/** A user name: letters, digits and _ . - (what create-user takes too). */
export const usernameSchema = z
  .string()
  .trim()
  .min(2, 'text.min:2')
  .max(64, 'text.max:64')
  .regex(/^[A-Za-z0-9_.-]*$/, 'username.charset');
/** An initial password the administrator sets: the policy, not containing the user name. */
const initialPassword = () => storable().min(1, 'required').max(200, 'text.max:200');
const passwordPolicy = (username: string, password: string, ctx: z.RefinementCtx, path = 'initialPassword') => {
  const [first] = passwordPolicyIssues(username, password);
  if (password && first) ctx.addIssue({ code: 'custom', path: [path], message: first });
};
/** Staff and units belong to a department; a party speaks for a subject; the administrator and the auditor may stand outside. */
const accountFacts = (v: { role: string; departmentId: string; subjectCode: string }, ctx: z.RefinementCtx) => {
  if (['CASEWORKER', 'SUPERVISOR', 'COOPERATING_UNIT'].includes(v.role) && !v.departmentId)
    ctx.addIssue({ code: 'custom', path: ['departmentId'], message: 'user.departmentRequired' });
  if (v.role === 'PARTY' && !v.subjectCode) ctx.addIssue({ code: 'custom', path: ['subjectCode'], message: 'user.subjectRequired' });
  if (v.subjectCode && !(checkUscc(v.subjectCode).ok || checkResidentId(v.subjectCode).ok))
    ctx.addIssue({ code: 'custom', path: ['subjectCode'], message: 'subjectCode.invalid' });
};
const userFields = {
  displayName: text(1, 50),
  role: z.enum(ROLES, 'required'),
  /** The department's id; '' for none. */
  departmentId: z.string().max(64).default(''),
  /** A party's subject (credit code or ID number); '' for none. */
  subjectCode: z.string().trim().toUpperCase().max(64, 'text.max:64').default(''),
  reason: reason(),
};
export const adminUserCreateSchema = z
  .object({ username: usernameSchema, ...userFields, initialPassword: initialPassword() })
  .superRefine((v, ctx) => {
    passwordPolicy(v.username, v.initialPassword, ctx);
    accountFacts(v, ctx);
  });
export type AdminUserCreateInput = z.input<typeof adminUserCreateSchema>;
export const adminUserUpdateSchema = z.object(userFields).superRefine(accountFacts);
export type AdminUserUpdateInput = z.input<typeof adminUserUpdateSchema>;
/** A change that needs nothing but its reason: disable, enable, unlock, reset the second factor, retire. */
export const adminReasonSchema = z.object({ reason: reason() });
export type AdminReasonInput = z.input<typeof adminReasonSchema>;
/** A new initial password for a user (the user must change it at the next sign-in). */
export const adminPasswordResetSchema = z
  .object({ username: z.string().max(64).default(''), initialPassword: initialPassword(), reason: reason() })
  .superRefine((v, ctx) => passwordPolicy(v.username, v.initialPassword, ctx));
export type AdminPasswordResetInput = z.input<typeof adminPasswordResetSchema>;

const departmentFields = {
  name: text(2, 100),
  /** The prefix of its document numbers (市信用办 → 市信用办告〔2026〕3号). */
  docPrefix: text(1, 30),
  policyCode: code(),
  reason: reason(),
};
export const departmentCreateSchema = z.object({ code: code(), ...departmentFields });
export type DepartmentCreateInput = z.input<typeof departmentCreateSchema>;
export const departmentUpdateSchema = z.object(departmentFields);
export type DepartmentUpdateInput = z.input<typeof departmentUpdateSchema>;

const measureFields = {
  content: text(4, 500),
  category: z.enum(MEASURE_CATEGORIES, 'required'),
  mandatory: z.boolean().default(false),
  legalBasis: text(2, 1000),
  implementingDepartmentId: z.string().min(1, 'required').max(64),
  listTypes: z.array(code()).min(1, 'measure.listTypes').max(50),
  targets: z.array(z.enum(MEASURE_TARGETS)).min(1, 'measure.targets').max(MEASURE_TARGETS.length),
  tiers: z.array(z.enum(TIERS)).min(1, 'measure.tiers').max(TIERS.length),
  discloses: z.boolean().default(false),
  reason: reason(),
};
export const measureCreateSchema = z.object({ id: code(), ...measureFields });
export type MeasureCreateInput = z.input<typeof measureCreateSchema>;
export const measureUpdateSchema = z.object(measureFields);
export type MeasureUpdateInput = z.input<typeof measureUpdateSchema>;

const listTypeFields = {
  name: text(2, 100),
  nameEn: z
    .string()
    .trim()
    .min(2, 'text.min:2')
    .max(200, 'text.max:200')
    .regex(/^[\x20-\x7E]*$/, 'listType.nameEn'),
  field: z.enum(CREDIT_FIELDS, 'required'),
  /** A red list's validity in months; none for a black list (the policy's publication periods apply). */
  validityMonths: z.number().int().min(1, 'listType.validity').max(120, 'listType.validity').nullable().default(null),
  /** Where the list and its terms come from: the memorandum, the regulation and its article, or a local decision. */
  legalBasis: text(4, 2000),
  reason: reason(),
};
const redValidity = (v: { kind: string; validityMonths: number | null }, ctx: z.RefinementCtx) => {
  if (v.kind === 'RED' && v.validityMonths === null)
    ctx.addIssue({ code: 'custom', path: ['validityMonths'], message: 'listType.validity' });
};
export const listTypeCreateSchema = z
  .object({ code: code(), kind: z.enum(LIST_KINDS, 'required'), ...listTypeFields })
  .superRefine(redValidity);
export type ListTypeCreateInput = z.input<typeof listTypeCreateSchema>;
/** A list's kind is fixed once made (its cases rest on it); the rest may be edited. */
export const listTypeUpdateSchema = z.object(listTypeFields);
export type ListTypeUpdateInput = z.input<typeof listTypeUpdateSchema>;

// ── The second factor (TOTP) ──────────────────────────────────────────────────────────────────
/** The confirmation of an enrolment: a 6-digit code from the app, and the enrolment as the server handed it out (sealed). */
export const totpConfirmSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'totp.format'),
  enrolment: z.string().min(1, 'required').max(2000),
});
export type TotpConfirmInput = z.input<typeof totpConfirmSchema>;
