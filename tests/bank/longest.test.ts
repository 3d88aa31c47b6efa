import { describe, expect, it } from 'vitest';
import { checkLongest, clearlyLongestKey, longestFigures, optionLength, uniquelyLongest } from '../../src/bank/longest.ts';
import type { Located } from '../../src/bank/quality.ts';
import type { Question } from '../../src/core/types.ts';

const q = (id: string, options: string[], correct: number, extra: Partial<Question> = {}): Question => ({
  id,
  topic: 't',
  difficulty: 'easy',
  text: `Câu hỏi ${id}?`,
  options,
  correct,
  explanation: 'Giải thích.',
  source: 'Nguồn',
  ...extra,
});
const at = (question: Question, group = 'a.yaml'): Located => ({ question, at: `${group}:${question.id.slice(2)}`, group });
// The key is the uniquely longest option (by 1 character: no clear margin), or a shorter one.
const keyLongest = (id: string) => q(id, ['Mười lăm', 'Mười sáu', 'Mười bảy', 'Mười tám năm'], 3);
const keyShort = (id: string) => q(id, ['Mười lăm', 'Mười sáu', 'Mười bảy', 'Mười tám năm'], 0);
const tie = (id: string) => q(id, ['Một', 'Hai', 'Ba', 'Bốn'], 0);

describe('the longest option', () => {
  it('should measure characters after NFC, so a decomposed option is as long as a precomposed one', () => {
    expect(optionLength('Ủy ban')).toBe(6);
    expect(optionLength('Ủy ban'.normalize('NFD'))).toBe(6);
    expect(uniquelyLongest(q('t-1', ['Ủy ban'.normalize('NFD'), 'Ủy ban'], 0))).toBeUndefined();
  });

  it('should count questions with a uniquely longest option and how many of those have it as the key', () => {
    expect(longestFigures([keyLongest('t-1'), keyShort('t-2'), tie('t-3'), keyShort('t-4')])).toEqual({ questions: 4, longest: 3, key: 1 });
  });

  it('should fail a file above 35% and the bank above 30%, and pass at the bounds', () => {
    // a.yaml: 1 of 3 (33%) passes the file bound; b.yaml: 2 of 5 (40%) does not; the bank: 3 of 8 (38%) fails too.
    const a = [keyLongest('t-1'), keyShort('t-2'), keyShort('t-3')].map((x) => at(x, 'a.yaml'));
    const b = [keyLongest('t-4'), keyLongest('t-5'), keyShort('t-6'), keyShort('t-7'), keyShort('t-8')].map((x) => at(x, 'b.yaml'));
    const problems = checkLongest([...a, ...b]);
    expect(problems.map((p) => [p.rule, p.severity, p.at])).toEqual([
      ['longest-share', 'error', 'b.yaml'],
      ['longest-share', 'error', 'toàn bộ ngân hàng / whole bank'],
    ]);
    expect(problems[0]!.message).toContain('phương án dài nhất là đáp án ở 2/5 (40%) câu có một phương án dài nhất (tối đa 35% mỗi tệp)');
    // 3 of 10 overall (30%) and 1 of 3 per file: within both bounds.
    const even = [...a, ...[keyLongest('t-4'), keyShort('t-5'), keyShort('t-6')].map((x) => at(x, 'b.yaml')), ...[keyLongest('t-7'), keyShort('t-8'), keyShort('t-9'), keyShort('t-10')].map((x) => at(x, 'c.yaml'))];
    expect(checkLongest(even)).toEqual([]);
  });

  it('should warn about a key longer than the next option by 20% and 10 characters, unless longest_ok says why', () => {
    const clear = q('t-1', ['Bộ Kế hoạch và Đầu tư', 'Bộ Tài chính', 'Bộ Thông tin và Truyền thông cùng các bộ, ngành', 'Bộ Nội vụ'], 2);
    const close = q('t-2', ['Bộ Kế hoạch và Đầu tư', 'Bộ Tài chính', 'Bộ Thông tin và Truyền thông', 'Bộ Nội vụ'], 2);
    expect(clearlyLongestKey(clear)).toEqual({ index: 2, length: 47, next: 21 });
    // 27 against 21 characters: 29% longer but only 6 characters.
    expect(clearlyLongestKey(close)).toBeUndefined();
    const warnings = checkLongest([at(clear), at(close), at(keyShort('t-3')), at(keyShort('t-4')), at(keyShort('t-5')), at(keyShort('t-6'))]).filter((p) => p.rule === 'longest-key');
    expect(warnings).toEqual([
      {
        rule: 'longest-key',
        severity: 'warning',
        at: 'a.yaml:1',
        message: 't-1: đáp án dài 47 ký tự, phương án dài kế tiếp 21: đáp án dài hẳn là lộ đáp án — viết lại, hoặc ghi longest_ok: <lý do> nếu buộc phải để vậy',
      },
    ]);
    const accepted = { ...clear, longestOk: 'tên đầy đủ của cơ quan chủ trì' };
    expect(checkLongest([at(accepted), at(close), at(keyShort('t-3')), at(keyShort('t-4')), at(keyShort('t-5')), at(keyShort('t-6'))]).filter((p) => p.rule === 'longest-key')).toEqual([]);
  });
});
