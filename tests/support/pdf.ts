// Text of a PDF, page by page, as a reader's copy-and-paste would give it, and the outlines of its
// embedded fonts as a reader draws them (pdfjs-dist).
import * as fontkit from 'fontkit';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(''));
  }
  await doc.destroy();
  return pages.join('\n');
}

/**
 * The outline (SVG path) of every glyph of every font embedded in a PDF's first page, as a reader
 * draws them: pdfjs-dist reads each embedded font program and rebuilds it as an OpenType font,
 * which fontkit parses. A damaged font program fails here, as it would show wrong in a reader.
 */
export async function pdfGlyphOutlines(bytes: Uint8Array): Promise<string[][]> {
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
    fontExtraProperties: true,
    disableFontFace: true,
  }).promise;
  try {
    const page = await doc.getPage(1);
    const ops = await page.getOperatorList();
    const names = new Set(ops.fnArray.flatMap((fn, i) => (fn === OPS.setFont ? [(ops.argsArray[i] as string[])[0]!] : [])));
    return [...names].map((name) => {
      const font = page.commonObjs.get(name) as { data?: Uint8Array; missingFile: boolean };
      if (font.missingFile || !font.data) throw new Error(`${name}: no font program embedded`);
      const face = fontkit.create(font.data) as fontkit.Face;
      return Array.from({ length: face.numGlyphs }, (_, id) => face.getGlyph(id).path.toSVG());
    });
  } finally {
    await doc.destroy();
  }
}
