import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { openSync, type Font } from 'fontkit';

/**
 * The certificate's font: Tinos (SIL OFL 1.1), a serif with the metrics of Times New Roman — the face of Vietnamese
 * administrative documents — and every precomposed Vietnamese letter. Shipped as TTF by the npm package
 * @expo-google-fonts/tinos; the PDF embeds a subset of it, the PNG is drawn with the same files.
 */
export const CERTIFICATE_FONT_FAMILY = 'Tinos';

export type FontStyle = 'regular' | 'bold' | 'italic';

const packageDir = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/tinos/package.json'));

export const certificateFontFiles: Readonly<Record<FontStyle, string>> = {
  regular: join(packageDir, '400Regular', 'Tinos_400Regular.ttf'),
  bold: join(packageDir, '700Bold', 'Tinos_700Bold.ttf'),
  italic: join(packageDir, '400Regular_Italic', 'Tinos_400Regular_Italic.ttf'),
};

const STYLES: readonly FontStyle[] = ['regular', 'bold', 'italic'];

function present(file: string): string {
  if (!existsSync(file)) throw new Error(`Certificate font file missing (run npm ci): ${file}`);
  return file;
}

let parsed: Record<FontStyle, Font> | undefined;

/**
 * The three faces, parsed once per process (0.16 s) and shared by every PDF, every measure and every glyph check:
 * parsing them again for each PDF more than doubled its time (bench, loaded machine: p50 244 → 108 ms).
 *
 * Sharing needs one step: fontkit caches each glyph with the characters of the first request for it, and a PDF's
 * ToUnicode map (what copying and extracting the text give) comes from those characters. A subset that holds "ẹ"
 * asks for its parts, "e" among them, with no character; a later PDF that draws a plain "e" would map it to nothing.
 * So every glyph of the character map is asked for once by its character, right after parsing, before anything else.
 */
export function certificateFonts(): Record<FontStyle, Font> {
  parsed ??= Object.fromEntries(
    STYLES.map((style) => {
      const font = openSync(present(certificateFontFiles[style]));
      if (!('layout' in font)) throw new Error(`Not a single font: ${certificateFontFiles[style]}`);
      for (const codePoint of font.characterSet) font.glyphForCodePoint(codePoint);
      return [style, font];
    }),
  ) as Record<FontStyle, Font>;
  return parsed;
}

/** Width in points of one line of text at `size` points, kerning included (as both the PDF and resvg set it). */
export function textWidth(text: string, style: FontStyle, size: number): number {
  const font = certificateFonts()[style];
  return (font.layout(text).advanceWidth * size) / font.unitsPerEm;
}

/** Widths of words in em, per face: wrapping tries many sizes and many lines of the same words. */
const wordCache: Record<FontStyle, Map<string, number>> = { regular: new Map(), bold: new Map(), italic: new Map() };
const WORD_CACHE_MAX = 5000;

/** Width in points of one word at `size` points (measured once per process, at most 5,000 words kept per face). */
export function wordWidth(word: string, style: FontStyle, size: number): number {
  const cache = wordCache[style];
  let em = cache.get(word);
  if (em === undefined) {
    if (cache.size >= WORD_CACHE_MAX) cache.clear();
    em = textWidth(word, style, 1);
    cache.set(word, em);
  }
  return em * size;
}

/** The characters of `text` (spaces aside) that the face has no glyph for: drawn, they would be empty boxes. */
export function missingGlyphs(text: string, style: FontStyle): string[] {
  const font = certificateFonts()[style];
  return [...new Set([...text].filter((c) => !/\s/u.test(c) && !font.hasGlyphForCodePoint(c.codePointAt(0)!)))];
}
