/** Parsing and validation of what people type. Pure; every refusal has a code the message catalogue explains. */

export type Parsed<T, E extends string> = { ok: true; value: T } | { ok: false; error: E };

export const NAME_MIN = 2;
export const NAME_MAX = 80;

// A letter: Basic Latin, Latin-1 (not × ÷, nor the ordinals ª º), Latin Extended-A and -B, Latin Extended Additional
// (U+1E00–1EFF, where Vietnamese letters with two marks live). Not the click letters ǀ ǁ ǂ ǃ (U+01C0–01C3: they pass
// for I, II, ‡, !), and nothing else of the Latin script: fullwidth forms (Ｈ), modifier letters (ᴬ), small capitals
// (ᴀ), number forms (Ⅻ), which look like letters and are refused, never folded into them. Hangul fillers that render
// blank (U+3164, U+115F, U+1160, U+FFA0) are no letters either.
const LETTER = String.raw`[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u01BF\u01C4-\u024F\u1E00-\u1EFF]`;
// A word: letters, each with at most two of the combining marks Vietnamese uses (NFC composes almost all of them;
// what it leaves must sit on a letter).
const WORD = String.raw`(?:${LETTER}[\u0300-\u0309\u031B\u0323]{0,2})+`;
// Between words only: a space, an apostrophe, a hyphen, or a dot (optionally followed by a space: "Nguyễn V. An").
const NAME_SHAPE = new RegExp(String.raw`^${WORD}(?:(?:[ '’-]|\. ?)${WORD})*$`, 'u');
const LATIN_LETTER = new RegExp(LETTER, 'gu');

/**
 * Full name: at most 80 characters after trimming and NFC; at least two letters, of the Latin script with Vietnamese
 * diacritics; space, apostrophe, hyphen and dot only between letters (no digits, emoji, punctuation-only names,
 * invisible fillers, control or zero-width characters).
 */
export function parseFullName(raw: string): Parsed<string, 'name_length' | 'name_chars'> {
  const value = raw.normalize('NFC').trim().replace(/\s+/gu, ' ');
  if ([...value].length > NAME_MAX) return { ok: false, error: 'name_length' };
  if (value !== '' && !NAME_SHAPE.test(value)) return { ok: false, error: 'name_chars' };
  if ((value.match(LATIN_LETTER) ?? []).length < NAME_MIN) return { ok: false, error: 'name_length' };
  return { ok: true, value };
}

export const PREDICTION_MAX = 10_000_000;

/** A whole number 0…10,000,000; Vietnamese thousands separators ("1.250", "1 250") are accepted. */
export function parsePrediction(raw: string): Parsed<number, 'prediction' | 'prediction_max'> {
  const text = raw.trim();
  if (!/^(\d{1,3}([. ]\d{3})+|\d+)$/u.test(text)) return { ok: false, error: 'prediction' };
  const value = Number(text.replace(/[. ]/gu, ''));
  if (!Number.isSafeInteger(value) || value > PREDICTION_MAX) return { ok: false, error: 'prediction_max' };
  return { ok: true, value };
}

/** Lowercase, without Vietnamese diacritics (đ → d), single spaces. */
export function foldText(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/gu, 'd')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}

const LETTERS = 'abcdef';

/**
 * The option a person typed: "A", "b", "2", "đáp án C", "chọn b.", "Câu trả lời: 3". Returns the 0-based index
 * as shown, or null when the text is not one of the `optionCount` options.
 */
export function parseAnswerChoice(raw: string, optionCount: number): number | null {
  const text = foldText(raw)
    .replace(/^(dap an|cau tra loi|tra loi|chon|phuong an)\s*(la)?\s*:?\s*/u, '')
    .replace(/[.)!:,\s]+$/u, '');
  if (/^[a-f]$/u.test(text)) {
    const index = LETTERS.indexOf(text);
    return index < optionCount ? index : null;
  }
  return parseNumberedChoice(text, optionCount);
}

/** A number 1…count typed for a numbered list; returns the 0-based index or null. */
export function parseNumberedChoice(raw: string, count: number): number | null {
  const text = raw.trim().replace(/[.)]$/u, '');
  if (!/^\d{1,3}$/u.test(text)) return null;
  const n = Number(text);
  return n >= 1 && n <= count ? n - 1 : null;
}

export function optionLetter(index: number): string {
  return LETTERS[index]!.toUpperCase();
}

/** A phone number as Vietnamese people write it: 0xxxxxxxxx or +84xxxxxxxxx (spaces, dots and dashes ignored). */
export function parsePhone(raw: string): Parsed<string, 'phone'> {
  const digits = raw.replace(/[\s.\-()]/gu, '');
  const m = /^(?:\+?84|0)(\d{9,10})$/u.exec(digits);
  if (!m) return { ok: false, error: 'phone' };
  return { ok: true, value: `0${m[1]}` };
}
