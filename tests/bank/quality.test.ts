import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkAnswerSpread, checkBank, checkDuplicates, checkNearDuplicates } from '../../src/bank/quality-bank.ts';
import { checkDistinctOptions, checkMetaOptions, checkNfc, checkOneCorrect, checkScreenBudget, checkTypography, wrappedLines, type Located } from '../../src/bank/quality.ts';
import { loadQuestionBank, locate, readBankFiles } from '../../src/bank/questions.ts';
import { FileValidationError } from '../../src/config/yaml-file.ts';
import type { Question } from '../../src/core/types.ts';
import { copyBank } from '../helpers/bank.ts';

const base: Question = {
  id: 'qd749-001',
  topic: 'qd749',
  difficulty: 'easy',
  text: 'Quyết định 749/QĐ-TTg phê duyệt chương trình nào?',
  options: ['Chương trình Chuyển đổi số quốc gia', 'Chiến lược Chính phủ số', 'Chiến lược kinh tế số', 'Đề án dữ liệu dân cư'],
  correct: 0,
  explanation: 'Quyết định 749/QĐ-TTg phê duyệt Chương trình Chuyển đổi số quốc gia.',
  source: 'Quyết định 749/QĐ-TTg, Điều 1',
};
const at = (q: Partial<Question>, where = 'f.yaml:6', group = 'f.yaml'): Located => ({ question: { ...base, ...q }, at: where, group });
const rules = (problems: { rule: string }[]) => problems.map((p) => p.rule);

describe('question rules', () => {
  it('should accept a clean question', () => {
    expect(checkBank([at({})])).toEqual([]);
  });

  it('should refuse a correct index outside the options', () => {
    expect(rules(checkOneCorrect(at({ correct: 4 })))).toEqual(['one-correct']);
  });

  it('should refuse options equal after folding case, spaces and diacritics', () => {
    const p = checkDistinctOptions(at({ options: ['Chính phủ số', 'chinh  phu so', 'Kinh tế số', 'Xã hội số'] }));
    expect(p).toHaveLength(1);
    expect(p[0]!.message).toContain('phương án B trùng với phương án A');
  });

  it.each(['Tất cả các đáp án trên', 'Cả A và B', 'Không có đáp án nào đúng', 'Cả hai phương án trên', 'Đáp án khác', 'A và B đều đúng', 'All of the above'])(
    'should refuse the meta option "%s"',
    (option) => {
      const p = checkMetaOptions(at({ options: ['Chính phủ số', 'Kinh tế số', 'Xã hội số', option] }));
      expect(rules(p)).toEqual(['meta-option']);
      expect(p[0]!.severity).toBe('error');
    },
  );

  it('should not mistake ordinary options for meta options', () => {
    expect(checkMetaOptions(at({ options: ['Tất cả các xã, thị trấn', 'Cả nước', 'Hai trụ cột', 'Không có xã nào dưới 50%'] }))).toEqual([]);
  });

  it('should refuse text that is not NFC', () => {
    expect(rules(checkNfc(at({ text: 'Quyết định nào?'.normalize('NFD') })))).toEqual(['nfc']);
  });

  it('should warn about double spaces and a space before punctuation', () => {
    const p = checkTypography(at({ text: 'Quyết định  749 phê duyệt gì ?' }));
    expect(p.map((x) => x.message)).toEqual(['text: hai dấu cách liền nhau', 'text: dấu cách trước dấu câu']);
    expect(p[0]!.severity).toBe('warning');
  });

  it('should word-wrap like a chat bubble', () => {
    expect(wrappedLines('một hai ba', 7)).toBe(2);
    expect(wrappedLines('x'.repeat(70), 34)).toBe(3);
    expect(wrappedLines('a\nb', 34)).toBe(2);
  });

  it('should refuse a question longer than one phone screen', () => {
    const long = 'Theo văn bản này, nội dung nào sau đây được xác định là một trong những nhiệm vụ trọng tâm? '.repeat(3);
    const p = checkScreenBudget(at({ text: long.trim(), options: base.options.map((o) => `${o} và nhiều nội dung khác nữa được kể ra`) }));
    expect(rules(p)).toEqual(['screen-budget']);
    expect(p[0]!.at).toBe('f.yaml:6');
  });
});

describe('bank rules', () => {
  it('should refuse a duplicate id and a duplicate text', () => {
    const p = checkDuplicates([at({}), at({ text: 'Câu khác?' }, 'f.yaml:20'), at({ id: 'qd749-009', text: 'quyết  định 749/qđ-ttg phê duyệt chương trình nào?' }, 'f.yaml:30')]);
    expect(p.map((x) => `${x.at} ${x.rule}`)).toEqual(['f.yaml:20 duplicate-id', 'f.yaml:30 duplicate-text']);
  });

  it('should flag a reworded question that asks the same fact', () => {
    const copy = at({ id: 'qd749-030', text: 'Chương trình nào được phê duyệt bởi Quyết định 749/QĐ-TTg?' }, 'f.yaml:300');
    const p = checkNearDuplicates([at({}), copy]);
    expect(rules(p)).toEqual(['near-duplicate']);
    expect(p[0]!.message).toContain('qd749-001');
  });

  it('should not flag alike questions with different answers', () => {
    const y2021 = at({ id: 'dti-022', text: 'Trong bảng xếp hạng DTI năm 2021, Lạng Sơn đứng thứ mấy?', options: ['Thứ 5', 'Thứ 6', 'Thứ 7', 'Thứ 8'] });
    const y2022 = at({ id: 'dti-026', text: 'Trong bảng xếp hạng DTI năm 2022, Lạng Sơn đứng thứ mấy?', options: ['Thứ 5', 'Thứ 6', 'Thứ 7', 'Thứ 8'], correct: 1 });
    expect(checkNearDuplicates([y2021, y2022])).toEqual([]);
  });

  it('should warn when the correct letters of a file bunch on one letter', () => {
    const file = Array.from({ length: 12 }, (_, i) => at({ id: `qd749-${100 + i}`, correct: i < 9 ? 0 : i % 4 }, `a.yaml:${i}`, 'a.yaml'));
    const p = checkAnswerSpread(file);
    expect(p.map((x) => x.at)).toEqual(['a.yaml', 'toàn bộ ngân hàng / whole bank']);
    expect(p[0]!.message).toContain('A 9');
  });

  it('should accept an even spread', () => {
    const file = Array.from({ length: 12 }, (_, i) => at({ id: `qd749-${100 + i}`, correct: i % 4 }, `a.yaml:${i}`, 'a.yaml'));
    expect(checkAnswerSpread(file)).toEqual([]);
  });
});

describe('shipped bank', () => {
  it('should pass every rule, warnings included', () => {
    const entries = locate(readBankFiles('question-bank'));
    expect(entries.length).toBeGreaterThanOrEqual(150);
    expect(checkBank(entries).map((p) => `${p.at} ${p.rule} ${p.message}`)).toEqual([]);
  });
});

describe('loading a bank with planted defects', () => {
  const bank = copyBank();
  const file = join(bank.dir, 'questions', '749-qd-ttg.yaml');
  const original = readFileSync(file, 'utf8');
  afterAll(() => bank.cleanup());

  function loadError(): string[] {
    try {
      loadQuestionBank(bank.dir);
    } catch (e) {
      if (e instanceof FileValidationError) return e.problems;
      throw e;
    }
    return [];
  }

  it('should refuse an "all of the above" option, naming file and line', () => {
    writeFileSync(file, original.replace('"Đề án phát triển ứng dụng dữ liệu về dân cư"', '"Tất cả các đáp án trên"'));
    expect(loadError()).toEqual([
      `${file}:7: [meta-option] phương án D "Tất cả các đáp án trên" nhắc tới phương án khác — các phương án bị xáo trộn khi thi, hãy viết một phương án độc lập`,
    ]);
  });

  it('should load but warn about a reworded copy of a question', () => {
    const first = original.split('questions:\n')[1]!.split('\n\n')[0]!;
    const copy = first.replace('qd749-001', 'qd749-099').replace('"Quyết định 749/QĐ-TTg phê duyệt chương trình nào?"', '"Chương trình nào được phê duyệt bởi Quyết định 749/QĐ-TTg?"');
    writeFileSync(file, `${original}\n${copy}\n`);
    const loaded = loadQuestionBank(bank.dir);
    expect(loaded.warnings.map((w) => `${w.rule} ${w.at}`)).toEqual([`near-duplicate ${file}:358`]);
    expect(loaded.warnings[0]!.message).toMatch(/^gần trùng với câu qd749-001 \(.*749-qd-ttg\.yaml:7\): giống \d+%, cùng đáp án/u);
  });
});
