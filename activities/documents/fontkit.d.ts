// fontkit (pdfkit's own font engine) ships no types: what render.ts and the tests use of it.
declare module 'fontkit' {
  export interface Glyph {
    id: number;
    path: { toSVG(): string };
  }
  export interface Face {
    numGlyphs: number;
    layout(text: string): { glyphs: Glyph[] };
    getGlyph(id: number): Glyph;
    createSubset(): unknown;
  }
  /** A parsed font: a single face (with `layout`), or a collection when no face was named. */
  export function create(buffer: Uint8Array, postscriptName?: string): Face | { fonts: unknown[] };
}
