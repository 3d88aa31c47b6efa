import { describe, expect, it } from 'vitest';
import { parseAnswerChoice, parseFullName, parsePhone, parsePrediction } from '../../src/core/input.ts';

describe('full name', () => {
  it('should accept a Vietnamese name and tidy spaces', () => {
    expect(parseFullName('  Hoàng   Thị  Ngọc Ánh ')).toEqual({ ok: true, value: 'Hoàng Thị Ngọc Ánh' });
  });
  it('should normalise decomposed diacritics to NFC', () => {
    const decomposed = 'Nguyễn Văn Đức'.normalize('NFD');
    expect(parseFullName(decomposed)).toEqual({ ok: true, value: 'Nguyễn Văn Đức' });
  });
  it('should refuse emoji, digits, zero-width and control characters', () => {
    expect(parseFullName('Lan 🌸')).toEqual({ ok: false, error: 'name_chars' });
    expect(parseFullName('Lan 2')).toEqual({ ok: false, error: 'name_chars' });
    expect(parseFullName('Lan\u200bAnh')).toEqual({ ok: false, error: 'name_chars' });
    expect(parseFullName('Lan\u0007Anh')).toEqual({ ok: false, error: 'name_chars' });
  });
  it('should refuse names shorter than 2 or longer than 80 characters', () => {
    expect(parseFullName(' A ')).toEqual({ ok: false, error: 'name_length' });
    expect(parseFullName('A'.repeat(500))).toEqual({ ok: false, error: 'name_length' });
    expect(parseFullName('Ă'.repeat(80)).ok).toBe(true);
  });
});

describe('full name: letters of the Latin script, punctuation only between letters', () => {
  it('should accept Vietnamese names with apostrophes, hyphens and initials', () => {
    for (const name of ["H'Hen Niê", 'Lê-Thị Hồng', 'Nguyễn V. An', 'Y.Moan', 'Đỗ Ưng', 'An']) expect(parseFullName(name)).toEqual({ ok: true, value: name });
  });
  it('should refuse fillers that render blank, punctuation-only names and marks without a letter', () => {
    for (const filler of ['\u3164', '\u115f', '\u1160', '\uffa0']) {
      expect(parseFullName(filler.repeat(3)).ok).toBe(false);
      expect(parseFullName(`Lan${filler}`).ok).toBe(false);
    }
    for (const bad of ['--', '..', "''", '- -', '-An', 'An-', 'An.', 'Lan  - Anh', 'Lan--Anh', '\u0301\u0301', 'Lan \u0301', 'Иван Петров', '李明明']) {
      expect(parseFullName(bad)).toEqual({ ok: false, error: 'name_chars' });
    }
    expect(parseFullName('A.')).toEqual({ ok: false, error: 'name_chars' });
    expect(parseFullName('A-')).toEqual({ ok: false, error: 'name_chars' });
    expect(parseFullName('A')).toEqual({ ok: false, error: 'name_length' });
  });
  it('should refuse look-alikes of the Latin script: number forms, click letters, fullwidth, modifier letters and small capitals', () => {
    // Ⅻ Ⅲ (U+216B, U+2162), ǀǀ ǁǁ (U+01C0, U+01C1: in Latin Extended-B, yet clicks), Ｈｏａｎｇ (fullwidth), ᴬᴰᴹᴵᴺ
    // (modifier letters), ʜᴏᴀɴɢ (small capitals): refused as typed, not folded into the letters they resemble.
    for (const bad of ['Ⅻ Ⅲ', 'ǀǀ ǁǁ', 'ǂǂ ǃǃ', 'Ｈｏａｎｇ', 'Ｈｏａｎｇ Văn Minh', 'ᴬᴰᴹᴵᴺ', 'ʜᴏᴀɴɢ', 'Hoàng ⅯⅠⅩ', 'ªº', 'Lan × Anh']) {
      expect(parseFullName(bad), bad).toEqual({ ok: false, error: 'name_chars' });
    }
  });
  it('should still accept Vietnamese names from Latin-1, Latin Extended-A/B and Latin Extended Additional, composed or not', () => {
    for (const name of ['Hoàng Văn Minh', 'Nguyễn Thị Ánh', 'Đặng Thị Hương', 'Trương Ngọc Ẩn', 'Phạm Thị Ỷ', 'Lê Ơn', 'Bùi Thị Ữa', 'Ksor H\'Mơ', 'Nguyễn Thị Thuỷ']) {
      expect(parseFullName(name), name).toEqual({ ok: true, value: name });
      expect(parseFullName(name.normalize('NFD')), name).toEqual({ ok: true, value: name });
    }
  });
});

describe('prediction', () => {
  it('should accept whole numbers with Vietnamese thousands separators', () => {
    expect(parsePrediction('150')).toEqual({ ok: true, value: 150 });
    expect(parsePrediction('1.250')).toEqual({ ok: true, value: 1250 });
    expect(parsePrediction('0')).toEqual({ ok: true, value: 0 });
  });
  it('should refuse text, negatives, decimals and absurd numbers', () => {
    for (const bad of ['abc', '-5', '1,5', '12.5', '']) expect(parsePrediction(bad)).toEqual({ ok: false, error: 'prediction' });
  });
  it('should tell a number over the maximum apart from text', () => {
    expect(parsePrediction('10.000.000')).toEqual({ ok: true, value: 10_000_000 });
    for (const big of ['10000001', '99999999999', '9'.repeat(30)]) expect(parsePrediction(big)).toEqual({ ok: false, error: 'prediction_max' });
  });
});

describe('typed answer', () => {
  it('should read letters in either case, numbers and phrases', () => {
    expect(parseAnswerChoice('A', 4)).toBe(0);
    expect(parseAnswerChoice('b', 4)).toBe(1);
    expect(parseAnswerChoice('3', 4)).toBe(2);
    expect(parseAnswerChoice('đáp án C', 4)).toBe(2);
    expect(parseAnswerChoice('Chọn d.', 4)).toBe(3);
  });
  it('should refuse what is not one of the options', () => {
    expect(parseAnswerChoice('E', 4)).toBeNull();
    expect(parseAnswerChoice('5', 4)).toBeNull();
    expect(parseAnswerChoice('xin chào', 4)).toBeNull();
  });
});

describe('phone', () => {
  it('should normalise +84 and spaces', () => {
    expect(parsePhone('+84 912 345 678')).toEqual({ ok: true, value: '0912345678' });
    expect(parsePhone('12345').ok).toBe(false);
  });
});
