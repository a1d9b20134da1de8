// Interviews (约谈, 000 §五.3): a subject listed and not rectified within the policy's period is called
// by the department that listed it (谁认定、谁约谈) to a reminder or warning interview; who attended
// and the minutes enter the subject's credit record and the case's timeline.
import type { InterviewRecordInput, InterviewScheduleInput } from '../domain/schemas';
import type { Actor } from '../domain/vocabulary';
import { recordEvent } from './audit';
import type { Db } from './db';

export function createInterviewActivities(db: Db) {
  return {
    async recordInterviewScheduled(args: {
      caseId: string;
      interviewId: string;
      at: string;
      request: InterviewScheduleInput & { actor: Actor };
    }): Promise<void> {
      const { request } = args;
      const at = new Date(args.at);
      await db.$transaction(async (tx) => {
        const { subjectCode } = await tx.case.findUniqueOrThrow({ where: { id: args.caseId }, select: { subjectCode: true } });
        await tx.interview.createMany({
          data: {
            id: args.interviewId,
            caseId: args.caseId,
            subjectCode,
            kind: request.kind,
            scheduledFor: new Date(`${request.scheduledFor}T00:00:00Z`),
            place: request.place,
            notice: request.notice,
            scheduledById: request.actor.userId,
            scheduledBy: request.actor.name,
            scheduledAt: at,
          },
          skipDuplicates: true, // once by its id: a retry adds nothing
        });
        await recordEvent(
          tx,
          args.caseId,
          `interview-${args.interviewId}`,
          at,
          request.actor,
          'INTERVIEW_SCHEDULED',
          { interviewId: args.interviewId, kind: request.kind, scheduledFor: request.scheduledFor, place: request.place },
          request.notice,
        );
      });
    },

    async recordInterviewHeld(args: { caseId: string; at: string; request: InterviewRecordInput & { actor: Actor; interviewId: string } }) {
      const { request } = args;
      const at = new Date(args.at);
      await db.$transaction(async (tx) => {
        await tx.interview.update({
          where: { id: request.interviewId },
          data: {
            heldOn: new Date(`${request.heldOn}T00:00:00Z`),
            attendees: request.attendees,
            minutes: request.minutes,
            recordedBy: request.actor.name,
            recordedAt: at,
          },
        });
        await recordEvent(
          tx,
          args.caseId,
          `interview-${request.interviewId}-held`,
          at,
          request.actor,
          'INTERVIEW_HELD',
          { interviewId: request.interviewId, heldOn: request.heldOn, attendees: request.attendees },
          request.minutes,
        );
      });
    },
  };
}
