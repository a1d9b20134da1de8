// Renders an official document (公文) as PDF: A4, title, document number, addressee, body
// paragraphs indented two characters, the issuing body and the date, as GB/T 9704 lays them out.
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { findCjkFont } from './font';
import { withFlatSubsets } from './flat-subset';

export interface OfficialDocument {
  title: string;
  number: string;
  addressee: string;
  paragraphs: string[];
  issuer: string;
  /** Chinese date, e.g. 2026年11月23日 */
  date: string;
}

export class MissingCjkFontError extends Error {
  constructor() {
    super('No CJK font found for documents: install Debian package fonts-noto-cjk, or set CJK_FONT to a Chinese OpenType font');
  }
}

const MM = 72 / 25.4;

// The font (a CJK collection runs to tens of megabytes) is read and parsed once per process, and
// every document embeds its own subset of it: parsing it per document (the collection's tables,
// decoded again each time) was the largest part of a document's making. pdfkit takes a parsed
// fontkit font as it takes a file. Its subsets carry whole outlines, no subroutines (flat-subset.ts).
const fonts = new Map<string, PDFKit.Mixins.PDFFontSource>();
function fontOf(path: string, family?: string): PDFKit.Mixins.PDFFontSource {
  const key = `${path}\0${family ?? ''}`;
  let font = fonts.get(key);
  if (!font) {
    const parsed = fontkit.create(readFileSync(path), family);
    if (!('layout' in parsed)) throw new Error(`${path}: no face ${family ?? ''} in the font collection`);
    font = withLayoutMemo(withFlatSubsets(parsed) as unknown as ShapedFont) as unknown as PDFKit.Mixins.PDFFontSource;
    fonts.set(key, font);
  }
  return font;
}

interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}
interface GlyphRun {
  glyphs: unknown[];
  positions: GlyphPosition[];
  readonly advanceWidth: number;
}
interface ShapedFont {
  layout(text: string, ...rest: unknown[]): GlyphRun;
}

/** Runs shaped in this process (text, features): bounded, emptied when full. */
const MEMO_RUNS = 20_000;

/**
 * fontkit's shaping of a run of text (its OpenType lookups tried on every glyph) remembered across
 * documents: pdfkit remembers a run only within one document, and every notice says mostly the same
 * sentences — shaping them again was a third of a document's making. pdfkit scales the positions it
 * is given in place, so each caller gets positions of its own; the glyphs are fontkit's, shared.
 */
function withLayoutMemo(font: ShapedFont): ShapedFont {
  const shape = font.layout.bind(font);
  const memo = new Map<string, { glyphs: unknown[]; positions: GlyphPosition[] }>();
  font.layout = (text: string, ...rest: unknown[]): GlyphRun => {
    const key = rest.some((r) => r !== undefined) ? `${text}\0${JSON.stringify(rest)}` : text;
    let run = memo.get(key);
    if (!run) {
      const shaped = shape(text, ...rest);
      run = { glyphs: shaped.glyphs, positions: shaped.positions }; // fontkit's own, never handed out
      if (memo.size >= MEMO_RUNS) memo.clear();
      memo.set(key, run);
    }
    const positions = run.positions.map((p) => ({ ...p }));
    return {
      glyphs: run.glyphs,
      positions,
      get advanceWidth() {
        return positions.reduce((sum, p) => sum + p.xAdvance, 0);
      },
    };
  };
  return font;
}

/** A new A4 PDF with the CJK font embedded and selected; `done` resolves to its bytes once it is ended. */
function newPdf(options: PDFKit.PDFDocumentOptions): { pdf: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const font = findCjkFont();
  if (!font) throw new MissingCjkFontError();
  // The CJK font as the document's own from the start: pdfkit would otherwise load Helvetica's
  // metrics for every document, to be replaced at once.
  const pdf = new PDFDocument({ size: 'A4', font: fontOf(font.path, font.family) as unknown as string, ...options });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  return { pdf, done };
}

export function renderPdf(doc: OfficialDocument): Promise<Buffer> {
  let made: ReturnType<typeof newPdf>;
  try {
    made = newPdf({
      margins: { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM },
      info: { Title: doc.title, Author: doc.issuer, Subject: doc.number },
    });
  } catch (err) {
    return Promise.reject(err as Error);
  }
  const { pdf, done } = made;
  const width = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;

  pdf.fontSize(22).text(doc.title, { align: 'center', width });
  pdf.moveDown(0.5);
  pdf.fontSize(16).text(doc.number, { align: 'center', width });
  pdf.moveDown(1);
  pdf.fontSize(16).text(`${doc.addressee}：`, { width });
  for (const p of doc.paragraphs) {
    pdf.moveDown(0.3);
    pdf.text(p, { width, indent: 32, lineGap: 6, align: 'justify' });
  }
  pdf.moveDown(2);
  pdf.text(doc.issuer, { align: 'right', width });
  pdf.text('（印章）', { align: 'right', width });
  pdf.text(doc.date, { align: 'right', width });
  pdf.end();
  return done;
}

/** A report of figures (统计报告): a title, lines saying whose and when, and sections of tables. */
export interface FiguresReport {
  title: string;
  subtitle: string;
  lines: string[];
  sections: {
    heading: string;
    columns: string[];
    rows: (string | number)[][];
    /** Said in place of the table when it has no rows */
    empty: string;
    /** Relative column widths (default: equal) */
    widths?: number[];
  }[];
  notes: string[];
  author: string;
}

export function renderReport(report: FiguresReport): Promise<Buffer> {
  let made: ReturnType<typeof newPdf>;
  try {
    made = newPdf({
      margins: { top: 25 * MM, bottom: 22 * MM, left: 22 * MM, right: 22 * MM },
      info: { Title: report.title, Author: report.author },
    });
  } catch (err) {
    return Promise.reject(err as Error);
  }
  const { pdf, done } = made;
  const left = pdf.page.margins.left;
  const width = pdf.page.width - left - pdf.page.margins.right;
  pdf.fontSize(20).text(report.title, { align: 'center', width });
  pdf.moveDown(0.3);
  pdf.fontSize(14).text(report.subtitle, { align: 'center', width });
  pdf.moveDown(0.8);
  pdf.fontSize(10.5);
  for (const line of report.lines) pdf.text(line, left, undefined, { width });
  for (const s of report.sections) {
    pdf.moveDown(1);
    pdf.fontSize(13).text(s.heading, left, undefined, { width });
    pdf.moveDown(0.3);
    pdf.fontSize(9.5);
    if (!s.rows.length) {
      pdf.text(s.empty, left, undefined, { width });
      continue;
    }
    const total = (s.widths ?? s.columns.map(() => 1)).reduce((a, b) => a + b, 0);
    pdf.table({
      position: { x: left },
      maxWidth: width,
      columnStyles: (s.widths ?? s.columns.map(() => 1)).map((w) => (w / total) * width),
      defaultStyle: { border: 0.5, borderColor: '#888888', padding: [3, 4, 3, 4] },
      rowStyles: (i) => (i === 0 ? { backgroundColor: '#eeeeee' } : undefined),
      // Figures (a number, a percentage, a dash for none) right-aligned, as a table of figures has them.
      data: [
        s.columns,
        ...s.rows.map((r) =>
          r.map((v) => (typeof v === 'number' || /^(—|\d+(\.\d+)?%)$/.test(v) ? { text: String(v), align: { x: 'right' as const } } : v)),
        ),
      ],
    });
  }
  pdf.moveDown(1.2);
  pdf.fontSize(9);
  for (const note of report.notes) pdf.text(note, left, undefined, { width, lineGap: 3 });
  pdf.end();
  return done;
}

/** 2026年11月23日, the date form of official documents (GB/T 9704-2012 uses Arabic numerals). */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
