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

/** Splits text into pieces of at most `max` characters, at line breaks where possible. */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const pieces = line.length > max ? line.match(new RegExp(`[\\s\\S]{1,${max}}`, 'gu'))! : [line];
    for (const piece of pieces) {
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
