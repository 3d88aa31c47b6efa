import { foldText } from '../core/input.ts';
import type { Choice } from './messages.ts';

/**
 * The choice a person typed instead of tapping: its key ("3", "A", "0") or its label (folded: case and diacritics
 * ignored; a unique partial match counts, e.g. "tan tri" → "Xã Tân Tri").
 */
export function matchTypedChoice(text: string, choices: readonly Choice[]): Choice | undefined {
  const typed = foldText(text).replace(/[.)]$/u, '');
  if (!typed) return undefined;
  const byKey = choices.find((c) => foldText(c.key) === typed);
  if (byKey) return byKey;
  const exact = choices.filter((c) => foldText(c.label) === typed);
  if (exact.length === 1) return exact[0];
  if (typed.length < 3) return undefined;
  const partial = choices.filter((c) => foldText(c.label).includes(typed));
  return partial.length === 1 ? partial[0] : undefined;
}

/** The text of a choice list for channels without buttons: "1. Xã Tân Tri". */
export function listChoicesAsText(choices: readonly Choice[]): string {
  return choices.map((c) => `${c.key}. ${c.label}`).join('\n');
}

/**
 * Splits text into pieces of at most `max` UTF-16 code units — how Telegram counts a message's length, and the safe
 * measure for Zalo (never less than its count in characters) — at line breaks where possible, never inside a
 * character (an emoji stays whole).
 */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    for (const piece of line.length > max ? cutLine(line, max) : [line]) {
      if (current && current.length + 1 + piece.length > max) {
        parts.push(current);
        current = piece;
      } else {
        current = current ? `${current}\n${piece}` : piece;
      }
    }
  }
  if (current || parts.length === 0) parts.push(current);
  return parts;
}

/** A line longer than `max` UTF-16 units, cut into pieces of at most `max`, between code points. */
function cutLine(line: string, max: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const char of line) {
    if (piece.length + char.length > max) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  }
  if (piece) pieces.push(piece);
  return pieces;
}
