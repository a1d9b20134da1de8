// Errors as RFC 9457 problem details (application/problem+json), in the user's language, with
// one entry per invalid field so the form can show each message beside its input.
import type { Request, Response } from 'express';
import type { ZodError } from 'zod';
import { localeFromHeader, translate, type Locale, type TextKey } from '../domain/i18n';
import { translateMessage } from '../domain/messages';

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
  const locale = localeOf(req);
  const errors: FieldError[] = error.issues.map((issue) => ({
    field: issue.path.join('.'),
    code: issue.message,
    message: translateMessage(issue.message, locale),
  }));
  const title = translate(locale, 'problem', 'formErrors');
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return new Problem(400, title, detail, { errors });
}

/** The user's language (Accept-Language: zh-CN unless English is asked for). */
export const localeOf = (req: Request): Locale => localeFromHeader(req.get('accept-language'));

/** A problem's text in the user's language, from the catalogue (domain/i18n). */
export function say(req: Request, key: TextKey<'problem'>, ...args: (string | number)[]): string {
  return translate(localeOf(req), 'problem', key, ...args);
}
