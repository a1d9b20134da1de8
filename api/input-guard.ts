// Text no database column can hold — a NUL character, or a lone surrogate — refused at the door,
// wherever it is (the address, a query field, the body), naming the field: before, an id or search
// holding %00 reached PostgreSQL and came back as a 500. The step and form schemas refuse such text
// in the fields they know; this covers every route, and every field none of them reads.
import type { NextFunction, Request, Response } from 'express';
import { translateMessage } from '../domain/messages';
import { translate } from '../domain/i18n';
import { localeOf, Problem } from './problem';

// eslint-disable-next-line no-control-regex -- the very characters refused
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first field, as a path (`body.days.0.name`), whose text cannot be stored; undefined if none. */
export function unstorableField(value: unknown, at: string): string | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? at : undefined;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = unstorableField(v, `${at}.${i}`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = unstorableField(k, `${at}.${k}`) ?? unstorableField(v, `${at}.${k}`);
      if (found) return found;
    }
  }
  return undefined;
}

export function refuseUnstorableText(req: Request, _res: Response, next: NextFunction): void {
  let path: string;
  try {
    path = decodeURIComponent(req.path);
  } catch {
    path = '\u0000'; // not even decodable: refused as the address
  }
  const field =
    (UNSTORABLE.test(path) ? 'path' : undefined) ??
    unstorableField(req.query, 'query') ??
    unstorableField(req.body, '')?.replace(/^\./, '');
  if (!field) return next();
  const locale = localeOf(req);
  const message = translateMessage('text.invalidCharacters', locale);
  next(
    new Problem(400, translate(locale, 'problem', 'formErrors'), `${field}: ${message}`, {
      errors: [{ field, code: 'text.invalidCharacters', message }],
    }),
  );
}
