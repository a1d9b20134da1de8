// Renders an official document (公文) as PDF: A4, title, document number, addressee, body
// paragraphs indented two characters, the issuing body and the date, as GB/T 9704 lays them out.
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { findCjkFont } from './font';

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

// The font file (a CJK collection runs to tens of megabytes) is read once per process.
const fontBytes = new Map<string, Buffer>();
const bytesOf = (path: string) => fontBytes.get(path) ?? fontBytes.set(path, readFileSync(path)).get(path)!;

export function renderPdf(doc: OfficialDocument): Promise<Buffer> {
  const font = findCjkFont();
  if (!font) return Promise.reject(new MissingCjkFontError());
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({
      size: 'A4',
      margins: { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM },
      info: { Title: doc.title, Author: doc.issuer, Subject: doc.number },
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.registerFont('cjk', bytesOf(font.path), font.family);
    pdf.font('cjk');
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
  });
}

/** 2026年11月23日, the date form of official documents (GB/T 9704-2012 uses Arabic numerals). */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
