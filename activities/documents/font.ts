// A CJK font to embed in documents. Debian's fonts-noto-cjk (installed by the test setup) or any
// OpenType/TrueType font named by CJK_FONT (with CJK_FONT_FAMILY for a collection). pdfkit embeds
// only the glyphs a document uses.
import { existsSync } from 'node:fs';

export interface CjkFont {
  path: string;
  /** The face inside a .ttc collection; undefined for a single-face file. */
  family?: string;
}

const CANDIDATES: CjkFont[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', family: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/arphic/uming.ttc', family: 'AR PL UMing CN' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYi Zen Hei' },
];

export function findCjkFont(): CjkFont | null {
  if (process.env.CJK_FONT) return { path: process.env.CJK_FONT, family: process.env.CJK_FONT_FAMILY };
  return CANDIDATES.find((c) => existsSync(c.path)) ?? null;
}
