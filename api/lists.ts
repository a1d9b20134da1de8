// What every list of the API does the same way (案件、期限、收件箱、公示、审计): its search form read
// and refused by field, its page with the total, its days as Beijing days, and every row it finds
// exported to .xlsx — streamed a batch at a time, so an export of any size runs in bounded memory.
import type { Request, Response } from 'express';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { translate, type TextKey } from '../domain/i18n';
import { addCalendarDays, shanghaiDate, startOfShanghaiDay } from '../domain/workdays';
import { XLSX } from './endpoints';
import { localeOf, zodProblem } from './problem';

/** The search form of a list, checked: a bad field is refused by name (400, problem+json). */
export function searchOf<T extends z.ZodType>(req: Request, schema: T): z.infer<T> {
  const parsed = schema.safeParse(req.query);
  if (!parsed.success) throw zodProblem(req, parsed.error);
  return parsed.data;
}

/** The rows of the page asked for. */
export const pageArgs = (f: { page: number; pageSize: number }) => ({ skip: (f.page - 1) * f.pageSize, take: f.pageSize });

/** One page as every list answers it: the rows, and how many were found in all. */
export const pageAnswer = <Row>(f: { page: number; pageSize: number }, total: number, rows: Row[]) => ({
  total,
  page: f.page,
  pageSize: f.pageSize,
  rows,
});

/** Instants on Beijing days from `from` to `to`, both included: from 00:00 of the first to 00:00 after the last. */
export function instantsOn(from?: string, to?: string): { gte?: Date; lt?: Date } | undefined {
  if (!from && !to) return undefined;
  return {
    ...(from ? { gte: startOfShanghaiDay(from) } : {}),
    ...(to ? { lt: startOfShanghaiDay(addCalendarDays(to, 1)) } : {}),
  };
}

/** A word of the web app's catalogue, in the user's language: a column's title is the page's and the export's. */
export const uiText = (req: Request, key: TextKey<'ui'>, ...args: (string | number)[]) => translate(localeOf(req), 'ui', key, ...args);

/** Every row a query finds, read a batch at a time in its order. */
export async function* batches<T>(read: (page: { skip: number; take: number }) => Promise<T[]>, size = 500): AsyncGenerator<T[]> {
  for (let skip = 0; ; skip += size) {
    const rows = await read({ skip, take: size });
    if (rows.length) yield rows;
    if (rows.length < size) return;
  }
}

export interface XlsxColumn<K extends string> {
  key: K;
  /** The column's title, in the user's language. */
  header: string;
  width: number;
}

/**
 * Streams an .xlsx of every row found: a bold title row, one line per row (dates and times already
 * written as Beijing reads them), named `${name}-${today}.xlsx`.
 */
export async function sendXlsx<K extends string, T>(
  res: Response,
  name: string,
  columns: readonly XlsxColumn<K>[],
  found: AsyncIterable<T[]>,
  line: (row: T) => Record<K, string | number>,
): Promise<void> {
  res.setHeader('content-type', XLSX);
  res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${name}-${shanghaiDate(new Date())}.xlsx`)}`);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true });
  // A sheet's name may not hold []:*?/\ and is at most 31 characters.
  const sheet = book.addWorksheet(name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31));
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for await (const rows of found) for (const row of rows) sheet.addRow(line(row)).commit();
  sheet.commit();
  await book.commit();
}
