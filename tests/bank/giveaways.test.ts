import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkGiveaways, findGiveaways, type AllowedPair } from '../../src/bank/giveaways.ts';
import { loadQuestionBank } from '../../src/bank/questions.ts';
import type { Located } from '../../src/bank/quality.ts';
import { checkCampaignAgainstBank, loadCampaign } from '../../src/config/campaign.ts';
import { FileValidationError } from '../../src/config/yaml-file.ts';
import type { Question } from '../../src/core/types.ts';

const q = (id: string, text: string, options: string[], correct = 0): Question => ({ id, topic: id.split('-')[0]!, difficulty: 'easy', text, options, correct, explanation: 'Giải thích.', source: 'Nguồn' });
const entries = (...questions: Question[]): Located[] => questions.map((x, i) => ({ question: x, at: `t.yaml:${10 * (i + 1)}`, group: 't.yaml' }));
const found = (...questions: Question[]) => findGiveaways(questions).map((g) => `${g.shows.id} ${g.where} "${g.clue}" → ${g.giver.id}`);

const name = q('ct-001', 'Tên gọi chính thức của cuộc thi năm 2023 là gì?', [
  'Cuộc thi trắc nghiệm tìm hiểu về chuyển đổi số tỉnh Lạng Sơn năm 2023',
  'Cuộc thi tìm hiểu Chính phủ số tỉnh Lạng Sơn năm 2023',
  'Hội thi Tin học trẻ tỉnh Lạng Sơn năm 2023',
  'Cuộc thi trực tuyến Kinh tế số vì cộng đồng Xứ Lạng năm 2023',
]);
const organiser = q('ct-002', 'Cơ quan nào tổ chức Cuộc thi trắc nghiệm tìm hiểu về chuyển đổi số tỉnh Lạng Sơn năm 2023?', ['Ban Chỉ đạo chuyển đổi số tỉnh', 'Tỉnh đoàn', 'Hội đồng nhân dân tỉnh', 'Sở Nội vụ']);
const resolution = q('qd-001', 'Quyết định 749/QĐ-TTg được ban hành căn cứ nghị quyết nào?', [
  'Nghị quyết 52-NQ/TW về chủ động tham gia cuộc Cách mạng công nghiệp lần thứ tư',
  'Nghị quyết 23-NQ/TW về chính sách công nghiệp quốc gia',
  'Nghị quyết 36-NQ/TW về phát triển bền vững kinh tế biển',
  'Nghị quyết 39-NQ/TW về quản lý, khai thác các nguồn lực',
]);
const purpose = q('ct-003', 'Cuộc thi nhằm góp phần thực hiện nghị quyết nào?', ['Nghị quyết 49-NQ/TU ngày 28/9/2021', 'Nghị quyết 52-NQ/TW ngày 27/9/2019', 'Nghị quyết 17/NQ-CP ngày 07/3/2019', 'Nghị quyết 50/NQ-CP ngày 17/4/2020']);

describe('questions that give others away', () => {
  it('should find a key standing in another question, accents and case aside', () => {
    expect(found(name, organiser)).toEqual(['ct-002 câu hỏi "Cuộc thi trắc nghiệm tìm hiểu về chuyển đổi số tỉnh Lạng" → ct-001']);
    const shouted = { ...organiser, text: 'CO QUAN NAO TO CHUC CUOC THI TRAC NGHIEM TIM HIEU VE CHUYEN DOI SO TINH LANG SON NAM 2023?' };
    expect(found(name, shouted)).toEqual(['ct-002 câu hỏi "CUOC THI TRAC NGHIEM TIM HIEU VE CHUYEN DOI SO TINH LANG" → ct-001']);
  });

  it('should not count words the distractors share, nor a short fragment of a long key', () => {
    // "tỉnh Lạng Sơn năm 2023" is in every distractor; "chuyển đổi số tỉnh Lạng" is 5 of the key's 15 words.
    const other = q('ct-004', 'Cuộc thi về chuyển đổi số tỉnh Lạng Sơn năm 2023 có mấy vòng?', ['Bốn vòng', 'Ba vòng', 'Hai vòng', 'Một vòng']);
    expect(found(name, other)).toEqual([]);
  });

  it('should find the document number that sets a key apart in another question\u2019s options', () => {
    expect(found(resolution, purpose)).toEqual(['ct-003 phương án B "52-NQ/TW" → qd-001']);
    expect(found({ ...resolution, options: resolution.options.map((o) => o.replace('23-NQ/TW', '52-NQ/TW')) }, purpose)).toEqual([]);
  });

  it('should not count a document number when every distractor\u2019s number is shown elsewhere too', () => {
    const plan = q('kh-001', 'Kế hoạch 135/KH-UBND thực hiện văn bản nào?', ['Quyết định 749/QĐ-TTg', 'Quyết định 942/QĐ-TTg', 'Quyết định 411/QĐ-TTg', 'Quyết định 505/QĐ-TTg']);
    const cites = ['749/QĐ-TTg', '942/QĐ-TTg', '411/QĐ-TTg', '505/QĐ-TTg'].map((n, i) => q(`qd-00${i + 2}`, `Theo Quyết định ${n}, mục tiêu nào đúng?`, ['Một', 'Hai', 'Ba', 'Bốn']));
    expect(found(plan, ...cites)).toEqual([]);
    expect(found(plan, ...cites.slice(0, 3))).toEqual(['qd-002 câu hỏi "749/QĐ-TTg" → kh-001']);
  });

  it('should fail each pair once, naming both questions and the allow-list, and accept a listed pair', () => {
    const problems = checkGiveaways(entries(name, organiser, resolution, purpose), [], 'question-bank/giveaway-pairs.yaml');
    expect(problems.map((p) => [p.rule, p.severity, p.at])).toEqual([
      ['giveaway', 'error', 't.yaml:20'],
      ['giveaway', 'error', 't.yaml:40'],
    ]);
    expect(problems[0]!.message).toBe(
      'lộ đáp án nếu cùng một lượt thi — ct-002 câu hỏi: "Cuộc thi trắc nghiệm tìm hiểu về chuyển đổi số tỉnh Lạng" = đáp án ct-001 (ct-001 ở t.yaml:10): ' +
        'viết lại một câu, hoặc ghi cặp [ct-001, ct-002] kèm lý do vào question-bank/giveaway-pairs.yaml (không rút chung một lượt)',
    );
    const allowed: AllowedPair[] = [{ a: 'ct-002', b: 'ct-001', reason: 'tên cuộc thi cần có trong câu hỏi', at: 'p.yaml:3' }];
    expect(checkGiveaways(entries(name, organiser, resolution, purpose), allowed, 'p.yaml').map((p) => p.at)).toEqual(['t.yaml:40']);
  });
});

describe('question-bank/giveaway-pairs.yaml', () => {
  let tmp: string;
  let dir: string;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'cds-pairs-'));
    dir = join(tmp, 'bank');
    cpSync('tests/bank/fixtures/sources-bank', dir, { recursive: true });
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));
  const pairsFile = () => join(dir, 'giveaway-pairs.yaml');

  it('should keep each listed pair apart on both questions and warn about a pair naming a missing question', () => {
    writeFileSync(pairsFile(), 'pairs:\n  - questions: [t1-001, t1-002]\n    reason: "hai câu cùng hỏi về Quyết định 749"\n  - questions: [t1-003, t1-404]\n    reason: "câu đã bị xóa khỏi ngân hàng"\n');
    const bank = loadQuestionBank(dir);
    expect(bank.questions.map((x) => [x.id, x.apart ?? []])).toEqual([
      ['t1-001', ['t1-002']],
      ['t1-002', ['t1-001']],
      ['t1-003', ['t1-404']],
    ]);
    expect(bank.warnings.map((w) => `${w.at.replace(dir, '')} [${w.rule}] ${w.message}`)).toEqual([
      '/giveaway-pairs.yaml:4 [giveaway-pair] không có câu "t1-404" trong ngân hàng: bỏ cặp này hoặc sửa mã',
    ]);
  });

  it('should refuse a pair without a reason or with one question twice, naming the line', () => {
    writeFileSync(pairsFile(), 'pairs:\n  - questions: [t1-001, t1-002]\n    reason: "x"\n  - questions: [t1-003, t1-003]\n    reason: "cùng một câu hai lần"\n');
    try {
      loadQuestionBank(dir);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(FileValidationError);
      const problems = (err as FileValidationError).problems.map((p) => p.replace(dir, ''));
      expect(problems).toEqual([
        '/giveaway-pairs.yaml:3: pairs[0].reason: ghi lý do chấp nhận cặp này (ít nhất 10 ký tự)',
        '/giveaway-pairs.yaml:4: pairs[1].questions: hai mã câu hỏi khác nhau',
      ]);
    }
  });
});

describe('rounds that must fill an attempt without an allowed pair', () => {
  const FILE = 'campaigns/bac-son-2023.yaml';
  const campaign = loadCampaign(FILE);
  const problemsOf = (bank: Question[], rounds = campaign.rounds) => {
    try {
      checkCampaignAgainstBank(FILE, { ...campaign, rounds }, bank);
      return [];
    } catch (err) {
      return (err as FileValidationError).problems;
    }
  };
  const topicBank = (topic: string, n: number) => Array.from({ length: n }, (_, i) => q(`${topic}-${String(i + 1).padStart(3, '0')}`, `${topic} câu ${i}?`, ['a', 'b']));
  const bank = ['qd749', 'qd942', 'qd411', 'nq49', 'dti', 'cuocthi'].flatMap((t) => topicBank(t, 6));
  const keepApart = (questions: Question[], pairs: [string, string][]) =>
    questions.map((x) => ({ ...x, apart: pairs.flatMap(([a, b]) => (a === x.id ? [b] : b === x.id ? [a] : [])) }));

  it('should fail a topic whose share cannot be drawn when each pair takes out one question', () => {
    expect(problemsOf(bank)).toEqual([]);
    // Round 1 takes 4 qd749 questions of 6: two pairs touching qd749 could leave 4; three could leave 3.
    expect(problemsOf(keepApart(bank, [['qd749-001', 'qd749-002'], ['qd749-003', 'dti-001']]))).toEqual([]);
    const problems = problemsOf(keepApart(bank, [['qd749-001', 'qd749-002'], ['qd749-003', 'dti-001'], ['qd749-004', 'nq49-001']]));
    expect(problems).toEqual([
      expect.stringMatching(/^campaigns\/bac-son-2023\.yaml:\d+: rounds\[0\]\.topics\.qd749: chủ đề cần 4 câu mỗi lượt; có 6 câu nhưng 3 cặp không được cùng một lượt \(giveaway-pairs\.yaml\) có thể loại 3 câu/u),
    ]);
  });

  it('should fail a fixed list that cannot fill an attempt without an allowed pair', () => {
    const ids = bank.slice(0, 11).map((x) => x.id);
    const rounds = campaign.rounds.map((r, i) => (i === 0 ? { ...r, questionIds: ids } : r));
    expect(problemsOf(keepApart(bank, [['qd749-001', 'qd749-002']]), rounds)).toEqual([]);
    const problems = problemsOf(keepApart(bank, [['qd749-001', 'qd749-002'], ['qd749-003', 'qd942-001']]), rounds);
    expect(problems).toEqual([
      expect.stringMatching(/rounds\[0\]: question_ids \(11 câu\) có 2 cặp câu không được cùng một lượt \(giveaway-pairs\.yaml\), nên chỉ chắc chắn rút được 9 câu, mỗi lượt cần 10/u),
    ]);
  });
});

describe('the shipped bank', () => {
  it('should give no question away except the pairs listed in question-bank/giveaway-pairs.yaml', () => {
    const bank = loadQuestionBank('question-bank');
    const text = readFileSync(bank.pairsFile, 'utf8');
    expect(bank.warnings.filter((w) => w.rule === 'giveaway-pair')).toEqual([]);
    const listed = new Set(bank.pairs.map((p) => [p.a, p.b].sort().join(' ')));
    const open = findGiveaways(bank.questions).filter((g) => !listed.has([g.giver.id, g.shows.id].sort().join(' ')));
    expect(open.map((g) => `${g.shows.id} → ${g.giver.id}: ${g.clue}`)).toEqual([]);
    expect(text).toContain('reason:');
  });
});
