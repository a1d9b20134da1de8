// Errors as RFC 9457 problem details (application/problem+json), in the user's language, with
// one entry per invalid field so the form can show each message beside its input.
import type { Request, Response } from 'express';
import type { ZodError } from 'zod';
import { localeFromHeader, translateMessage } from '../domain/messages';

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }
}

export function sendProblem(res: Response, status: number, title: string, detail?: string, extra: Record<string, unknown> = {}) {
  res
    .status(status)
    .type('application/problem+json')
    .json({ type: 'about:blank', title, status, detail, ...extra });
}

export function zodProblem(req: Request, error: ZodError): Problem {
  const locale = localeFromHeader(req.get('accept-language'));
  const errors: FieldError[] = error.issues.map((issue) => ({
    field: issue.path.join('.'),
    code: issue.message,
    message: translateMessage(issue.message, locale),
  }));
  const title = locale === 'en' ? 'The form has errors' : '表单填写有误';
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return new Problem(400, title, detail, { errors });
}

/** Picks the user's language for messages written in both. */
export function say(req: Request, zh: string, en: string): string {
  return localeFromHeader(req.get('accept-language')) === 'en' ? en : zh;
}
