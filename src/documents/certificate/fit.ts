import { wordWidth, type FontStyle } from './fonts.ts';

/** Where a text must fit: a width and a largest size in points, a number of lines. */
export interface FitBox {
  width: number;
  maxSize: number;
  maxLines: number;
  /** Down to this share of `maxSize`, one smaller line is preferred to several (default 0.9; a name: 0.75). */
  oneLineDownTo?: number;
}

export interface Fitted {
  size: number;
  lines: string[];
}

/** Below this, text is cut rather than shrunk further: only absurd inputs get there. */
const FLOOR = 4;
const STEP = 0.5;

/**
 * Greedy lines no wider than `width`; null when a single word is wider. A line is measured as the sum of its words and
 * spaces: Tinos's kerning pairs with a space only ever narrow a line ("A A"), so the sum is never short of the width
 * drawn; a hair of room covers rounding.
 */
function wrap(words: string[], style: FontStyle, size: number, width: number): string[] | null {
  const limit = width * 0.998;
  const space = wordWidth(' ', style, size);
  const lines: string[] = [];
  let [line, used] = ['', 0];
  for (const word of words) {
    const w = wordWidth(word, style, size);
    if (w > limit) return null;
    if (line && used + space + w <= limit) [line, used] = [`${line} ${word}`, used + space + w];
    else if (!line) [line, used] = [word, w];
    else {
      lines.push(line);
      [line, used] = [word, w];
    }
  }
  return line ? [...lines, line] : lines;
}

/** The same number of lines, as even as they come: the narrowest width that still needs no more lines. */
function balance(words: string[], style: FontStyle, size: number, width: number, lines: string[]): string[] {
  let best = lines;
  let [lo, hi] = [width / lines.length, width];
  for (let i = 0; i < 12; i++) {
    const mid = (lo + hi) / 2;
    const tried = wrap(words, style, size, mid);
    if (tried && tried.length <= lines.length) [best, hi] = [tried, mid];
    else lo = mid;
  }
  return best;
}

function sizes(from: number, to: number): number[] {
  const out: number[] = [];
  for (let s = from; s >= to - 1e-9; s -= STEP) out.push(Math.round(s * 100) / 100);
  return out;
}

/**
 * The largest size at which `text` fits the box: one line if it fits at `oneLineDownTo` of the largest size or more
 * (a name shrunk a little reads better than a name broken), else up to `maxLines` balanced lines at the largest size
 * that holds them. Text that fits not even at 4 pt (far longer than any real one) is cut with "…": it never leaves its
 * box.
 */
export function fitText(text: string, style: FontStyle, box: FitBox): Fitted {
  const words = text.split(' ').filter(Boolean);
  if (words.length === 0) return { size: box.maxSize, lines: [] };
  for (const size of sizes(box.maxSize, box.maxSize * (box.oneLineDownTo ?? 0.9))) {
    const lines = wrap(words, style, size, box.width);
    if (lines?.length === 1) return { size, lines };
  }
  for (const size of sizes(box.maxSize, FLOOR)) {
    const lines = wrap(words, style, size, box.width);
    if (lines && lines.length <= box.maxLines) return { size, lines: lines.length > 1 ? balance(words, style, size, box.width, lines) : lines };
  }
  return { size: FLOOR, lines: cut(text, style, box) };
}

/** The longest beginning of `text` that, with "…", fits the box at the floor size. */
function cut(text: string, style: FontStyle, box: FitBox): string[] {
  const chars = [...text];
  let [lo, hi] = [0, chars.length];
  let best: string[] = ['…'];
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const words = `${chars.slice(0, mid).join('').trimEnd()}…`.split(' ');
    const lines = wrap(words, style, FLOOR, box.width);
    if (lines && lines.length <= box.maxLines) [best, lo] = [lines, mid + 1];
    else hi = mid - 1;
  }
  return best;
}
