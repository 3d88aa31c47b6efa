import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadQuestionBank } from '../../src/bank/questions.ts';
import { loadUnits } from '../../src/bank/units.ts';
import { checkCampaignAgainstBank, loadCampaign } from '../../src/config/campaign.ts';
import { FileValidationError } from '../../src/config/yaml-file.ts';
import { tempDir } from '../helpers/app.ts';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof FileValidationError) return err.problems;
    throw err;
  }
  throw new Error('expected a FileValidationError');
}

const question = (over: Record<string, string> = {}) => `
  - id: ${over.id ?? 'tt-001'}
    difficulty: easy
    text: "${over.text ?? 'Câu hỏi thử?'}"
    options:
      - "Một"
      - "${over.option2 ?? 'Hai'}"
    correct: ${over.correct ?? 'A'}
    explanation: "Giải thích đủ dài cho câu hỏi."
    source: "Nguồn thử"`;

describe('question bank files', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
    mkdirSync(join(dir.path, 'questions'));
  });
  afterEach(() => dir.remove());
  const write = (body: string, name = 'a.yaml') =>
    writeFileSync(join(dir.path, 'questions', name), `topic: tt\ntopic_name: "Thử"\ndocument: "Tài liệu"\nquestions:${body}\n`);

  it('should load the shipped bank: at least 40 questions, at least 5 per topic', () => {
    const bank = loadQuestionBank('question-bank');
    expect(bank.questions.length).toBeGreaterThanOrEqual(40);
    for (const t of bank.topics) expect(bank.questions.filter((q) => q.topic === t.id).length).toBeGreaterThanOrEqual(5);
  });

  it('should name file and line of a correct answer that is not among the options', () => {
    write(question() + question({ id: 'tt-002', text: 'Câu khác?', correct: 'C' }));
    const problems = problemsOf(() => loadQuestionBank(dir.path));
    expect(problems).toEqual([expect.stringMatching(/a\.yaml:\d+: questions\[1\]\.correct: đáp án C không có trong 2 phương án/u)]);
    expect(problems[0]).toMatch(/a\.yaml:20:/u); // the line of `correct:` in the second question
  });

  it('should report duplicate ids and texts across files, and options that repeat', () => {
    write(question());
    write(question({ text: 'Câu hỏi THỬ?' }), 'b.yaml');
    const problems = problemsOf(() => loadQuestionBank(dir.path)).join('\n');
    expect(problems).toMatch(/b\.yaml:1: topic: chủ đề "tt" đã có ở tệp khác/u);
    expect(problems).toMatch(/b\.yaml:5: \[duplicate-id\] trùng id "tt-001"/u);
    expect(problems).toMatch(/trùng nội dung với câu tt-001/u);
    write(question({ option2: 'MỘT' }), 'b.yaml');
    expect(problemsOf(() => loadQuestionBank(dir.path)).join('\n')).toMatch(/b\.yaml:10: questions\[0\]\.options\[1\]: trùng với phương án A/u);
  });

  it('should refuse text not in Unicode NFC, too long, or bad YAML', () => {
    write(question({ text: 'Chuyển đổi số?'.normalize('NFD') }) + question({ id: 'tt-002', text: 'x'.repeat(401) }));
    const problems = problemsOf(() => loadQuestionBank(dir.path)).join('\n');
    expect(problems).toMatch(/questions\[0\]\.text: chưa chuẩn hóa Unicode NFC/u);
    expect(problems).toMatch(/questions\[1\]\.text: dài quá 400 ký tự/u);
    write('\n  - id: [unclosed', 'a.yaml');
    expect(problemsOf(() => loadQuestionBank(dir.path)).join('\n')).toMatch(/a\.yaml:\d+: YAML:/u);
  });

  it('should refuse a unit list with a bad row, naming the line', () => {
    mkdirSync(join(dir.path, 'units'));
    writeFileSync(join(dir.path, 'units', 'communes.csv'), 'code,name,kind,population\n001,Xã A,xa,100\n002,Xã B,xa,-5\n');
    expect(problemsOf(() => loadUnits(dir.path))).toEqual([expect.stringMatching(/communes\.csv:3: population:/u)]);
  });

  it('should refuse a unit code given twice, naming both lines, across the commune and agency lists', () => {
    mkdirSync(join(dir.path, 'units'));
    writeFileSync(join(dir.path, 'units', 'communes.csv'), 'code,name,kind,population\n001,Xã A,xa,100\n002,Xã B,xa,\n001,Xã A,xa,100\n');
    writeFileSync(join(dir.path, 'units', 'agencies.csv'), 'code,name,group\nVP,Văn phòng,phong_ban\n002,Phòng B,phong_ban\n');
    expect(problemsOf(() => loadUnits(dir.path))).toEqual([
      expect.stringMatching(/communes\.csv:4: code: trùng mã đơn vị "001" .*communes\.csv:2/u),
      expect.stringMatching(/agencies\.csv:3: code: trùng mã đơn vị "002" .*communes\.csv:3/u),
    ]);
  });

  it('should refuse a commune whose parent is unknown or missing, or given without a parents list, naming the line', () => {
    mkdirSync(join(dir.path, 'units'));
    writeFileSync(join(dir.path, 'units', 'districts.csv'), 'code,name\n185,Huyện Bắc Sơn\n');
    writeFileSync(join(dir.path, 'units', 'c.csv'), 'code,name,kind,population,parent\n001,Xã A,xa,,185\n002,Xã B,xa,,X99\n003,Xã C,xa,,\n');
    const files = { communes: 'units/c.csv', agencies: null, parents: 'units/districts.csv' };
    expect(problemsOf(() => loadUnits(dir.path, files))).toEqual([
      expect.stringMatching(/c\.csv:3: parent: không có mã "X99" trong .*districts\.csv$/u),
      expect.stringMatching(/c\.csv:4: parent: thiếu mã đơn vị cấp trên/u),
    ]);
    expect(problemsOf(() => loadUnits(dir.path, { communes: 'units/c.csv', agencies: null }))).toEqual([
      expect.stringMatching(/c\.csv:2: parent: chiến dịch không khai báo danh sách cấp trên/u),
      expect.stringMatching(/c\.csv:3: parent:/u),
    ]);
  });
});

describe('campaign file', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it('should name the file, line and field of each mistake', () => {
    const file = join(dir.path, 'c.yaml');
    cpSync('campaigns/bac-son-2023.yaml', file);
    const text = `id: x\ntitle: "Thử"\norganiser: "UBND"\ntimezone: Mars/Base\nopens_at: "2023-07-03"\ncloses_at: "2023-07-31T00:00:00+07:00"\nattempts_per_round: 0\nrounds: []\nsurprise: 1\n`;
    writeFileSync(file, text);
    const problems = problemsOf(() => loadCampaign(file)).join('\n');
    expect(problems).toMatch(/c\.yaml:4: timezone: múi giờ không hợp lệ/u);
    expect(problems).toMatch(/c\.yaml:5: opens_at: cần thời điểm ISO 8601 có múi giờ/u);
    expect(problems).toMatch(/c\.yaml:7: attempts_per_round:/u);
    expect(problems).toMatch(/c\.yaml:8: rounds:/u);
    expect(problems).toMatch(/surprise/u);
  });

  it('should name the line of a question id the bank does not have', () => {
    const file = join(dir.path, 'c.yaml');
    const text = readFileSync('campaigns/bac-son-2023.yaml', 'utf8').replace(/(  - id: tuan-1\n)/u, '$1    question_ids: [qd749-001, khong-co-001]\n');
    writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('khong-co-001')) + 1;
    const bank = loadQuestionBank('question-bank');
    expect(problemsOf(() => checkCampaignAgainstBank(file, loadCampaign(file), bank.questions))).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`c\\.yaml:${line}: rounds\\[0\\]\\.question_ids\\[1\\]: không có câu hỏi "khong-co-001"`, 'u'))]),
    );
  });

  it('should read population_basis and refuse one that does not say where the figures come from', () => {
    expect(loadCampaign('campaigns/bac-son-2023.yaml').populationBasis).toMatch(/^Tổng điều tra dân số và nhà ở ngày 1\/4\/2019;/u);
    const file = join(dir.path, 'c.yaml');
    const text = readFileSync('campaigns/bac-son-2023.yaml', 'utf8').replace(/^population_basis: .*$/mu, 'population_basis: "2019"');
    writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.startsWith('population_basis:')) + 1;
    expect(problemsOf(() => loadCampaign(file))).toEqual([`${file}:${line}: population_basis: ghi rõ nguồn số dân, ví dụ "Tổng điều tra dân số và nhà ở 1/4/2019"`]);
  });

  it('should refuse rounds that overlap or fall outside the contest', () => {
    const file = join(dir.path, 'c.yaml');
    writeFileSync(
      file,
      `id: x\ntitle: "Thử"\norganiser: "UBND"\ntimezone: Asia/Ho_Chi_Minh\nopens_at: "2023-07-03T00:00:00+07:00"\ncloses_at: "2023-07-31T00:00:00+07:00"\nrounds:\n  - { id: a, name: A, opens_at: "2023-07-03T00:00:00+07:00", closes_at: "2023-07-20T00:00:00+07:00", topics: { qd749: 1 } }\n  - { id: b, name: B, opens_at: "2023-07-19T00:00:00+07:00", closes_at: "2023-08-20T00:00:00+07:00", topics: { qd749: 1 } }\n`,
    );
    const problems = problemsOf(() => loadCampaign(file)).join('\n');
    expect(problems).toMatch(/rounds\[1\]\.opens_at: vòng thi phải nằm trong thời gian cuộc thi/u);
    expect(problems).toMatch(/chồng lên vòng trước/u);
  });

  it('should refuse a consent version of the old consent text, naming the line, and read earlier versions that showed phones', () => {
    const file = join(dir.path, 'c.yaml');
    const text = readFileSync('campaigns/bac-son-2023.yaml', 'utf8');
    writeFileSync(file, text.replace('consent_version: "nd13-2023-v4"', 'consent_version: "nd13-2023-v2"'));
    const line = text.split('\n').findIndex((l) => l.includes('consent_version:')) + 1;
    expect(problemsOf(() => loadCampaign(file)).join('\n')).toMatch(new RegExp(`c\\.yaml:${line}: privacy\\.consent_version: phiên bản này là của lời đồng ý cũ`, 'u'));
    writeFileSync(file, text.replace('phone_consent_versions: ["nd13-2023-v3"]', 'phone_consent_versions: ["nd13-2023-v3", "nd13-2023-v2"]'));
    // An old version listed by mistake still shows no phones: its text never said so.
    expect(loadCampaign(file).privacy.phoneConsentVersions).toEqual(['nd13-2023-v4', 'nd13-2023-v3']);
  });

  it('should read unit files and level labels, defaulting to the 2023 district, and refuse a spread by parent without parents', () => {
    const shipped = loadCampaign('campaigns/bac-son-2023.yaml');
    expect(shipped.labels).toEqual({ commune: 'xã, thị trấn', parent: 'huyện', area: 'huyện' });
    expect(shipped.unitFiles).toEqual({ communes: 'units/communes.csv', agencies: 'units/agencies.csv' });
    const province = loadCampaign('campaigns/lang-son-2025.yaml');
    expect(province.labels).toEqual({ commune: 'xã, phường', parent: 'huyện', area: 'tỉnh' });
    expect(province.unitFiles).toEqual({ communes: 'units/lang-son-2025-communes.csv', agencies: null });
    const file = join(dir.path, 'c.yaml');
    writeFileSync(file, `${readFileSync('campaigns/lang-son-2025.yaml', 'utf8').replace('commune: "xã, phường"', 'commune: "Xã, phường"').replace('by: commune', 'by: parent')}`);
    const problems = problemsOf(() => loadCampaign(file)).join('\n');
    expect(problems).toMatch(/labels\.commune: viết thường/u);
    expect(problems).toMatch(/reminders\.spread\.by: spread\.by: parent cần danh sách cấp trên/u);
  });
});

describe('environment', () => {
  it('should treat the empty values of .env.example as unset and accept the file as shipped', async () => {
    const { readFileSync } = await import('node:fs');
    const { loadEnv } = await import('../../src/config/env.ts');
    const { parseEnv } = await import('node:util');
    const env = loadEnv(parseEnv(readFileSync('.env.example', 'utf8')) as NodeJS.ProcessEnv);
    expect(env.LOG_LEVEL).toBeUndefined();
    expect(env.CONTEST_CLOSES_AT).toBeUndefined();
    expect(env.PORT).toBe(3000);
    expect(env.HOST).toBeUndefined();
    expect(() => loadEnv({ CONTEST_CLOSES_AT: '30/07/2023' })).toThrow(/CONTEST_CLOSES_AT/u);
    expect(loadEnv({ HOST: '127.0.0.1' }).HOST).toBe('127.0.0.1');
    expect(loadEnv({ HOST: '::1' }).HOST).toBe('::1');
    expect(() => loadEnv({ HOST: 'nginx.local' })).toThrow(/HOST/u);
  });
});
