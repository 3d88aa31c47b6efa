import { describe, expect, it } from 'vitest';
import { listChoicesAsText, matchTypedChoice, splitText } from '../../src/contract/choices.ts';
import type { Choice } from '../../src/contract/messages.ts';

const choice = (key: string, label: string): Choice => ({ key, label, data: `c:${key}` });
const COMMUNES = [choice('1', 'Xã Tân Tri'), choice('2', 'Xã Tân Thành'), choice('3', 'Thị trấn Bắc Sơn'), choice('0', 'Không thuộc xã nào')];
const LETTERED = [choice('A', 'Đúng'), choice('B', 'Sai'), choice('C', 'Chưa biết')];

const keyOf = (text: string, choices: readonly Choice[]) => matchTypedChoice(text, choices)?.key;

describe('matchTypedChoice: a choice typed instead of tapped', () => {
  it('should take a typed key, with spaces or a closing "." or ")"', () => {
    expect(keyOf('1', COMMUNES)).toBe('1');
    expect(keyOf(' 2 ', COMMUNES)).toBe('2');
    expect(keyOf('3.', COMMUNES)).toBe('3');
    expect(keyOf('3)', COMMUNES)).toBe('3');
    expect(keyOf('0', COMMUNES)).toBe('0');
    expect(keyOf('5', COMMUNES)).toBeUndefined();
  });

  it('should take a letter key in either case, with or without a closing "."', () => {
    expect(keyOf('a', LETTERED)).toBe('A');
    expect(keyOf('A', LETTERED)).toBe('A');
    expect(keyOf('a.', LETTERED)).toBe('A');
    expect(keyOf('b)', LETTERED)).toBe('B');
    expect(keyOf('d', LETTERED)).toBeUndefined();
    expect(keyOf('a..', LETTERED)).toBeUndefined();
  });

  it('should take a label in any case, with or without diacritics', () => {
    expect(keyOf('Xã Tân Tri', COMMUNES)).toBe('1');
    expect(keyOf('XA TAN THANH', COMMUNES)).toBe('2');
    expect(keyOf('sai', LETTERED)).toBe('B');
    expect(keyOf('dung', LETTERED)).toBe('A');
    expect(keyOf('CHUA BIET', LETTERED)).toBe('C');
  });

  it('should take a part of one label only when it is unique and at least 3 letters', () => {
    expect(keyOf('tan tri', COMMUNES)).toBe('1');
    expect(keyOf('Bắc Sơn', COMMUNES)).toBe('3');
    // "tân" is in two labels: which one is not guessed.
    expect(keyOf('tân', COMMUNES)).toBeUndefined();
    // "ba" is only in "Bắc Sơn", but too short to count.
    expect(keyOf('ba', COMMUNES)).toBeUndefined();
    expect(keyOf('bac', COMMUNES)).toBe('3');
  });

  it('should prefer a key to a label, and a whole label to a part of another', () => {
    const numbered = [choice('1', '2 người'), choice('2', '1 người')];
    expect(keyOf('1', numbered)).toBe('1');
    const nested = [choice('1', 'Xã Tân Tri mới'), choice('2', 'Xã Tân Tri')];
    expect(keyOf('xa tan tri', nested)).toBe('2');
  });

  it('should match nothing for empty text, punctuation alone or text in no label', () => {
    for (const text of ['', '   ', '.', ')', 'Hà Nội']) expect(matchTypedChoice(text, COMMUNES), text).toBeUndefined();
    expect(matchTypedChoice('1', [])).toBeUndefined();
  });
});

describe('listChoicesAsText', () => {
  it('should list each choice as "key. label" on its own line', () => {
    expect(listChoicesAsText(COMMUNES.slice(0, 2))).toBe('1. Xã Tân Tri\n2. Xã Tân Thành');
    expect(listChoicesAsText([])).toBe('');
  });
});

describe('splitText: a long reply in pieces a platform accepts', () => {
  it('should leave a text that fits as one piece, and give one empty piece for no text', () => {
    expect(splitText('Xin chào', 4096)).toEqual(['Xin chào']);
    expect(splitText('', 10)).toEqual(['']);
  });

  it('should cut at line breaks, keeping as many whole lines per piece as fit', () => {
    expect(splitText('aaaa\nbbbb\ncccc', 9)).toEqual(['aaaa\nbbbb', 'cccc']);
    expect(splitText('aaaa\nbbbb\ncccc', 14)).toEqual(['aaaa\nbbbb\ncccc']);
    // The line break joining two lines counts too: 4 + 1 + 4 is one over 8.
    expect(splitText('aaaa\nbbbb', 8)).toEqual(['aaaa', 'bbbb']);
    expect(splitText('aaaa\nbbbb', 9)).toEqual(['aaaa\nbbbb']);
    const lines = Array.from({ length: 50 }, (_, i) => `Dòng ${i + 1}: câu hỏi và đáp án`);
    const pieces = splitText(lines.join('\n'), 200);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(200);
    expect(pieces.join('\n')).toBe(lines.join('\n'));
  });

  it('should cut a line longer than the limit into pieces of the limit', () => {
    expect(splitText('x'.repeat(10), 4)).toEqual(['xxxx', 'xxxx', 'xx']);
  });

  it('should count UTF-16 units as Telegram does and never cut an emoji in two', () => {
    expect(splitText('😀😀😀😀😀', 4)).toEqual(['😀😀', '😀😀', '😀']);
    expect(splitText('😀😀😀', 3)).toEqual(['😀', '😀', '😀']);
  });
});
