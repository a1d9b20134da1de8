// Evidence files (附件): uploaded on their own first, then named by id in the step they are filed
// with. A file's type is what its content is, never what its name says: PDF, JPEG, PNG, TIFF or
// OFD. Anything else, an empty file or one over the limit is refused with the reason and nothing
// is stored.
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import type { Request, Response } from 'express';
import { fileTypeFromBuffer } from 'file-type';
import multer from 'multer';
import yauzl from 'yauzl';
import type { Db } from '../activities/db';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, type AttachmentType } from '../domain/schemas';
import { translateMessage } from '../domain/messages';
import type { AttachmentPurpose } from '../domain/vocabulary';
import type { Prisma } from '../generated/prisma/client';
import type { SessionUser } from './auth';
import { Problem, localeOf, say } from './problem';

/** The types taken (domain: ATTACHMENT_TYPES), by the extension file-type gives what it detects. */
const DETECTED: Record<string, AttachmentType> = { pdf: 'application/pdf', jpg: 'image/jpeg', png: 'image/png', tif: 'image/tiff' };

/** A field error as the API answers it: the problem's title is the message itself. */
function fileProblem(req: Request, status: number, code: string): Problem {
  const message = translateMessage(code, localeOf(req));
  return new Problem(status, message, undefined, { errors: [{ field: 'file', code, message }] });
}

/** Whether a ZIP holds OFD.xml at its root. Only the central directory is read: nothing is inflated. */
function isOfd(content: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    yauzl.fromBuffer(content, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return resolve(false);
      zip.on('error', () => resolve(false));
      zip.on('end', () => resolve(false));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName === 'OFD.xml') {
          zip.close();
          resolve(true);
        } else zip.readEntry();
      });
      zip.readEntry();
    });
  });
}

/** What the content is, if it is a type taken. */
async function detect(content: Buffer): Promise<AttachmentType | null> {
  const found = await fileTypeFromBuffer(content).catch(() => undefined);
  if (!found) return null;
  // An OFD is a ZIP: file-type says zip, and OFD.xml at its root says OFD.
  if (found.ext === 'zip') return (await isOfd(content)) ? 'application/ofd' : null;
  return DETECTED[found.ext] ?? null;
}

/**
 * The uploader's name for the file, fit to show and to offer on download: no folders, no control
 * or bidirectional-override characters (which can disguise an extension), at most 200 characters,
 * and ending in an extension of the type its content is.
 */
export function sanitiseFileName(original: string, type: AttachmentType): string {
  const base = (original.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
    .replace(/[\u0000-\u001F\u007F\u200E\u200F\u202A-\u202E\u2066-\u2069"]/g, '')
    .trim()
    .slice(0, 200);
  const extensions: readonly string[] = ATTACHMENT_TYPES[type];
  const name = base.replace(/^\.+/, '') || 'attachment';
  return extensions.includes(extname(name).toLowerCase()) ? name : `${name}${extensions[0]}`;
}

const upload = multer({
  storage: multer.memoryStorage(),
  // One file, a byte over the limit is enough to refuse it; browsers send UTF-8 file names unmarked.
  limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 0, parts: 1 },
  defParamCharset: 'utf8',
}).single('file');

const MULTER_CODES: Record<string, [number, string]> = {
  LIMIT_FILE_SIZE: [413, `attachment.tooLarge:${ATTACHMENT_MAX_BYTES / 1024 / 1024}`],
  LIMIT_FILE_COUNT: [400, 'attachment.one'],
  LIMIT_PART_COUNT: [400, 'attachment.one'],
  LIMIT_FIELD_COUNT: [400, 'attachment.one'],
  LIMIT_UNEXPECTED_FILE: [400, 'attachment.missing'],
};

/** Reads the one file of a multipart/form-data upload (field `file`), refusing what cannot be taken. */
async function readUpload(req: Request, res: Response): Promise<Express.Multer.File> {
  if (!req.is('multipart/form-data')) throw fileProblem(req, 415, 'attachment.multipart');
  await new Promise<void>((resolve, reject) =>
    upload(req, res, (err: unknown) => {
      if (!err) return resolve();
      const known = err instanceof multer.MulterError ? MULTER_CODES[err.code] : undefined;
      // A body that is not multipart at all (busboy cannot parse it) is the client's mistake too.
      reject(known ? fileProblem(req, known[0], known[1]) : fileProblem(req, 400, 'attachment.missing'));
    }),
  );
  if (!req.file) throw fileProblem(req, 400, 'attachment.missing');
  return req.file;
}

/** Stores an uploaded file, unlinked, for its uploader to file with a step. */
export async function storeUpload(db: Db, req: Request, res: Response) {
  const file = await readUpload(req, res);
  if (file.size === 0) throw fileProblem(req, 400, 'attachment.empty');
  const type = await detect(file.buffer);
  if (!type) throw fileProblem(req, 415, 'attachment.type');
  const user = req.user!;
  return db.attachment.create({
    data: {
      uploadedById: user.userId,
      uploadedByName: user.name,
      uploadedByRole: user.role,
      uploadedByDepartmentId: user.departmentId,
      fileName: sanitiseFileName(file.originalname, type),
      mediaType: type,
      size: file.size,
      sha256: createHash('sha256').update(file.buffer).digest('hex'),
      content: new Uint8Array(file.buffer),
    },
    select: { id: true, fileName: true, mediaType: true, size: true, sha256: true },
  });
}

/**
 * Before a step is sent to the workflow: each id names an upload of this user not yet filed with
 * anything — or, for a draft filed again (a revision, a repeated filing), one already filed with
 * this case for the same purpose. Otherwise 422 naming each such id, and nothing changes.
 */
export async function checkAttachments(
  db: Db,
  req: Request,
  ids: readonly string[] | undefined,
  field: string,
  alreadyOn?: { caseId: string; purpose: AttachmentPurpose },
): Promise<void> {
  if (!ids?.length) return;
  const rows = await db.attachment.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, uploadedById: true, caseId: true, purpose: true },
  });
  const usable = (id: string) => {
    const a = rows.find((r) => r.id === id);
    if (!a) return false;
    if (a.caseId === null) return a.uploadedById === req.user!.userId;
    return alreadyOn !== undefined && a.caseId === alreadyOn.caseId && a.purpose === alreadyOn.purpose;
  };
  const message = translateMessage('attachment.unavailable', localeOf(req));
  const errors = ids.flatMap((id, i) => (usable(id) ? [] : [{ field: `${field}.${i}`, code: 'attachment.unavailable', message }]));
  if (errors.length) throw new Problem(422, say(req, 'formErrors'), errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
}

/**
 * The evidence on a case a user may see, of a case they may see: the office all of it; the party
 * all but a cooperating unit's; a unit the basis document and its own unit's.
 */
export function attachmentsVisibleTo(user: SessionUser): Prisma.AttachmentWhereInput {
  switch (user.role) {
    case 'CASEWORKER':
    case 'SUPERVISOR':
      return {};
    case 'PARTY':
      return { uploadedByRole: { not: 'COOPERATING_UNIT' } };
    case 'COOPERATING_UNIT':
      return { OR: [{ purpose: 'BASIS_DOCUMENT' }, { uploadedByDepartmentId: user.departmentId ?? '-' }] };
    case 'ADMINISTRATOR':
    case 'AUDITOR':
      // The administrator runs the system and the auditor reads the logs: neither reads what is on a case.
      return { id: { in: [] } };
  }
}

/** Sends a stored file for download only: never rendered in the app's origin, never cached. */
export function sendAttachment(res: Response, a: { fileName: string; mediaType: string; sha256: string; content: Uint8Array }) {
  const ascii = a.fileName.replace(/[^\x20-\x7E]/g, '_').replace(/[\\"]/g, '_');
  res
    .type(a.mediaType)
    .set({
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(a.fileName)}`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "sandbox; default-src 'none'",
      'Cache-Control': 'no-store',
      'Repr-Digest': `sha-256=:${Buffer.from(a.sha256, 'hex').toString('base64')}:`,
    })
    .send(Buffer.from(a.content));
}
