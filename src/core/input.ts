/** Parsing and validation of what people type. Pure; every refusal has a code the message catalogue explains. */

export type Parsed<T, E extends string> = { ok: true; value: T } | { ok: false; error: E };

export const NAME_MIN = 2;
export const NAME_MAX = 80;

// Letters with their diacritics, spaces, and the punctuation real names use.
const NAME_CHARS = /^[\p{L}\p{M} .'’-]+$/u;

/** Full name: 2–80 characters after trimming; letters only (no digits, emoji, control or zero-width characters). */
export function parseFullName(raw: string): Parsed<string, 'name_length' | 'name_chars'> {
  const value = raw.normalize('NFC').trim().replace(/\s+/gu, ' ');
  const length = [...value].length;
  if (length < NAME_MIN || length > NAME_MAX) return { ok: false, error: 'name_length' };
  if (!NAME_CHARS.test(value)) return { ok: false, error: 'name_chars' };
  return { ok: true, value };
}

export const PREDICTION_MAX = 10_000_000;

/** A whole number 0…10,000,000; Vietnamese thousands separators ("1.250", "1 250") are accepted. */
export function parsePrediction(raw: string): Parsed<number, 'prediction'> {
  const text = raw.trim();
  if (!/^(\d{1,3}([. ]\d{3})+|\d+)$/u.test(text)) return { ok: false, error: 'prediction' };
  const value = Number(text.replace(/[. ]/gu, ''));
  if (!Number.isSafeInteger(value) || value > PREDICTION_MAX) return { ok: false, error: 'prediction' };
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
