// fontkit (pdfkit's own font engine) ships no types: what render.ts uses of it.
declare module 'fontkit' {
  /** A parsed font: a single face (with `layout`), or a collection when no face was named. */
  export function create(buffer: Uint8Array, postscriptName?: string): { layout?: unknown } | { fonts: unknown[] };
}
