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

describe('prediction', () => {
  it('should accept whole numbers with Vietnamese thousands separators', () => {
    expect(parsePrediction('150')).toEqual({ ok: true, value: 150 });
    expect(parsePrediction('1.250')).toEqual({ ok: true, value: 1250 });
    expect(parsePrediction('0')).toEqual({ ok: true, value: 0 });
  });
  it('should refuse text, negatives, decimals and absurd numbers', () => {
    for (const bad of ['abc', '-5', '1,5', '12.5', '', '99999999999']) expect(parsePrediction(bad).ok).toBe(false);
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
