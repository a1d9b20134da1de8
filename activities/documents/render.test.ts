// The font a document carries: each document embeds its own subset of the CJK font, its outlines
// written out whole (flat-subset.ts), and a reader must draw every character of it with the font's
// own outlines.
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { pdfGlyphOutlines, pdfText } from '../../tests/support/pdf';
import { findCjkFont } from './font';
import { renderPdf, type OfficialDocument } from './render';

const doc: OfficialDocument = {
  title: '失信行为认定告知书',
  number: '杭信告〔2026〕17号',
  addressee: '温州市瓯海区鑫嘉建筑工程有限公司',
  paragraphs: ['依据：国家税务总局杭州市税务局稽查局作出的税务行政处罚决定书（杭税稽罚〔2026〕88号）。', 'ABC xyz 0123456789，「」《》；'],
  issuer: '杭州市社会信用体系建设领导小组办公室',
  date: '2026年11月23日',
};

describe('the font embedded in a document', () => {
  it('draws every character with the outline the font itself has, and nothing else', async () => {
    const font = findCjkFont()!;
    const face = fontkit.create(readFileSync(font.path), font.family) as fontkit.Face;
    const lines = [doc.title, doc.number, `${doc.addressee}：`, ...doc.paragraphs, doc.issuer, '（印章）', doc.date];
    // pdfkit shapes each word apart (a CJK character is a word of its own), and so does this.
    const expected = new Set(lines.flatMap((line) => [...line].flatMap((ch) => face.layout(ch).glyphs.map((g) => g.path.toSVG()))));
    const notdef = face.getGlyph(0).path.toSVG();

    const pdf = await renderPdf(doc);
    const [embedded, ...others] = await pdfGlyphOutlines(pdf);
    expect(others).toEqual([]);
    const drawn = embedded!.filter((outline) => outline !== notdef);
    expect(drawn).toHaveLength(expected.size);
    expect(new Set(drawn)).toEqual(expected);
    expect(await pdfText(pdf)).toContain('温州市瓯海区鑫嘉建筑工程有限公司');
    // The subset carries no subroutines: with them (tens of thousands per font dictionary, unused
    // ones as stubs) this page was 114 KiB; its ~90 characters' outlines are under a third of that.
    expect(pdf.byteLength).toBeLessThan(40 * 1024);
  });
});
