// The subset of a CJK font a document embeds, with each glyph's outline written out whole
// (desubroutinized) rather than calling the font's shared subroutines.
//
// Why: Noto Serif CJK keeps most of its outlines in subroutines, tens of thousands per font
// dictionary. fontkit's subset keeps the subroutines by number, so it writes every one of them —
// the unused as one-byte stubs — for each dictionary a document touches: a one-page notice carried
// ~110 KiB of font, and writing and compressing those indexes was most of a document's making.
// Inlining the subroutines a glyph calls makes its charstring stand alone: the subset has no
// subroutines, the outlines are the same (activities/documents/render.test.ts checks each glyph as a
// reader draws it), and a document is a fraction of the size and time.
//
// A Type 2 charstring (Adobe TN 5177) is a run of numbers and operators. Inlining a call drops the
// subroutine's number (the last number pushed) and the call, and copies the subroutine's bytes up
// to its `return`; the argument stack carries across, so nothing else changes. The only state to
// follow is the count of stem hints, which says how many bytes a hintmask takes. The arithmetic and
// storage operators (deprecated, and unused by these fonts) would make the stack unknowable: a font
// that uses them gets fontkit's own subset instead.

interface Range {
  offset: number;
  length: number;
}
interface Cff {
  stream: { buffer: Uint8Array };
  topDict: { CharStrings: Range[] };
  globalSubrIndex?: Range[];
  privateDictForGlyph(gid: number): { Subrs?: Range[] } | null;
}
interface Subset {
  cff?: Cff;
  glyphs: number[];
  charstrings: Uint8Array[];
  gsubrs: Uint8Array[];
  subsetCharstrings(): void;
  subsetSubrs(subrs: Range[], used: Record<number, boolean>): Uint8Array[] | null;
}
type SubsetClass = new (font: unknown) => Subset;

class NotFlattenable extends Error {}

/** Subroutine numbers are stored minus a bias that depends on how many there are (TN 5177 §4.7). */
const bias = (count: number) => (count < 1240 ? 107 : count < 33900 ? 1131 : 32768);

const HINTS = new Set([1, 3, 18, 23]); // hstem, vstem, hstemhm, vstemhm
const MASKS = new Set([19, 20]); // hintmask, cntrmask
// Escaped operators that compute on the stack rather than draw: and, or, not, abs, add, sub, div,
// neg, eq, drop, put, get, ifelse, random, mul, sqrt, dup, exch, index, roll.
const ARITHMETIC = new Set([3, 4, 5, 9, 10, 11, 12, 14, 15, 18, 20, 21, 22, 23, 24, 26, 27, 28, 29, 30]);

/** Glyph `gid`'s charstring with every subroutine call replaced by the subroutine's own bytes. */
export function flatCharString(cff: Cff, gid: number): Uint8Array {
  const bytes = cff.stream.buffer;
  const subrs = cff.privateDictForGlyph(gid)?.Subrs ?? [];
  const gsubrs = cff.globalSubrIndex ?? [];
  const out: number[] = [];
  /** The argument stack: where each number starts in `out`, and its value. */
  const stack: { at: number; value: number }[] = [];
  let stems = 0;
  let ended = false;

  const run = ({ offset, length }: Range, depth: number) => {
    if (depth > 10) throw new NotFlattenable('subroutines nested deeper than Type 2 allows');
    let pos = offset;
    const end = offset + length;
    while (pos < end && !ended) {
      const b0 = bytes[pos]!;
      if (b0 >= 32 || b0 === 28) {
        let size = 1;
        let value: number;
        if (b0 === 28) [size, value] = [3, ((bytes[pos + 1]! << 24) >> 16) | bytes[pos + 2]!];
        else if (b0 < 247) value = b0 - 139;
        else if (b0 < 251) [size, value] = [2, (b0 - 247) * 256 + bytes[pos + 1]! + 108];
        else if (b0 < 255) [size, value] = [2, -(b0 - 251) * 256 - bytes[pos + 1]! - 108];
        else [size, value] = [5, ((bytes[pos + 1]! << 24) | (bytes[pos + 2]! << 16) | (bytes[pos + 3]! << 8) | bytes[pos + 4]!) / 65536];
        stack.push({ at: out.length, value });
        for (let i = 0; i < size; i++) out.push(bytes[pos + i]!);
        pos += size;
        continue;
      }
      pos++;
      if (b0 === 10 || b0 === 29) {
        // callsubr / callgsubr: its number is the last one pushed, and the last bytes written.
        const list = b0 === 10 ? subrs : gsubrs;
        const n = stack.pop();
        const subr = n && Number.isInteger(n.value) ? list[n.value + bias(list.length)] : undefined;
        if (!subr) throw new NotFlattenable(`glyph ${gid}: a call to a subroutine that is not there`);
        out.length = n!.at;
        run(subr, depth + 1);
        continue;
      }
      if (b0 === 11) return; // return: the rest of the caller follows
      if (HINTS.has(b0)) stems += stack.length >> 1; // (an odd count carries the width first)
      out.push(b0);
      if (MASKS.has(b0)) {
        stems += stack.length >> 1; // vstem hints may come straight before the first mask
        const maskBytes = (stems + 7) >> 3;
        for (let i = 0; i < maskBytes; i++) out.push(bytes[pos + i]!);
        pos += maskBytes;
      } else if (b0 === 12) {
        const b1 = bytes[pos++]!;
        if (ARITHMETIC.has(b1)) throw new NotFlattenable(`glyph ${gid}: an arithmetic operator`);
        out.push(b1);
      } else if (b0 === 14) {
        ended = true; // endchar, in the glyph or in a subroutine: the outline is complete
      }
      stack.length = 0; // every other operator clears the stack
    }
  };
  run(cff.topDict.CharStrings[gid]!, 0);
  if (out.length > 65535) throw new NotFlattenable(`glyph ${gid}: longer than a charstring may be`);
  return Uint8Array.from(out);
}

/**
 * Makes `font.createSubset()` give subsets with flattened charstrings and no subroutines, when the
 * font is CFF (a TrueType font's subset, and fontkit's for CFF2, has none to begin with).
 * Flattened charstrings are kept per glyph for the life of the font, as the same characters recur
 * in every document: at most the whole font flattened (about 30 MB for Noto Serif CJK SC), in
 * practice the few thousand characters documents use. A glyph that cannot be flattened is
 * remembered as such, said once, and its documents get fontkit's own subset.
 */
export function withFlatSubsets<F extends { createSubset(): unknown }>(font: F): F {
  const probe = font.createSubset() as Subset;
  const cff = probe.cff;
  if (!cff) return font;
  const Base = probe.constructor as SubsetClass;
  const flat = new Map<number, Uint8Array | NotFlattenable>();
  const flatten = (gid: number) => {
    let cs = flat.get(gid);
    if (!cs) {
      try {
        cs = flatCharString(cff, gid);
      } catch (err) {
        if (!(err instanceof NotFlattenable)) throw err;
        console.warn(`documents: ${err.message}; documents with it embed the font's subroutines`);
        cs = err;
      }
      flat.set(gid, cs);
    }
    if (cs instanceof NotFlattenable) throw cs;
    return cs;
  };
  class FlatSubset extends Base {
    private fallback = false;
    override subsetCharstrings() {
      try {
        this.charstrings = this.glyphs.map(flatten);
        this.gsubrs = [];
      } catch (err) {
        if (!(err instanceof NotFlattenable)) throw err;
        this.fallback = true;
        super.subsetCharstrings();
      }
    }
    /** No font dictionary keeps subroutines: every charstring stands alone. */
    override subsetSubrs(subrs: Range[], used: Record<number, boolean>) {
      return this.fallback ? super.subsetSubrs(subrs, used) : null;
    }
  }
  font.createSubset = () => new FlatSubset(font);
  return font;
}
