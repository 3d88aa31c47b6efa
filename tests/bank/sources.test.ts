import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditBank } from '../../src/bank/audit.ts';
import { planImport, writePlan } from '../../src/bank/import-plan.ts';
import { loadQuestionBank, readBankFiles } from '../../src/bank/questions.ts';
import { fillSourceUrls } from '../../src/bank/sources.ts';
import { exportWorkbook } from '../../src/documents/question-bank-workbook.ts';
import { ImportError } from '../../src/bank/xlsx-import.ts';
import { FileValidationError } from '../../src/config/yaml-file.ts';

// A three-question bank (tests/bank/fixtures/sources-bank): t1-001 has a source_url and its row in sources/t1.csv.
let dir: string;
let tmp: string;
const yamlFile = () => join(dir, 'questions', 't1.yaml');
const csvFile = () => join(dir, 'sources', 't1.csv');
const editYaml = (from: string | RegExp, to: string) => writeFileSync(yamlFile(), readFileSync(yamlFile(), 'utf8').replace(from, to));
const sourceProblems = () => auditBank(dir, loadQuestionBank(dir)).filter((p) => p.rule.startsWith('source'));
const URL1 = 'https://vanban.chinhphu.vn/?pageid=27160&docid=200163';

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cds-sources-'));
  dir = join(tmp, 'bank');
  cpSync('tests/bank/fixtures/sources-bank', dir, { recursive: true });
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe('source_url and sources/<topic>.csv', () => {
  it('should accept a question whose URL has a row with the same id and URL', () => {
    expect(loadQuestionBank(dir).questions.find((q) => q.id === 't1-001')!.sourceUrl).toBe(URL1);
    expect(sourceProblems()).toEqual([]);
  });

  it('should refuse a source_url that is not a full https address, naming file and line', () => {
    editYaml(`"${URL1}"`, '"http://vanban.chinhphu.vn/749"');
    expect(() => loadQuestionBank(dir)).toThrow(FileValidationError);
    try {
      loadQuestionBank(dir);
    } catch (err) {
      expect((err as FileValidationError).problems.join('\n')).toMatch(/t1\.yaml:17: questions\[0\]\.source_url: cần một địa chỉ https:\/\/…/u);
    }
  });

  it('should fail when the URL has no row in the CSV, and say which rows the id has', () => {
    editYaml(URL1, 'https://chinhphu.vn/749');
    const [p] = sourceProblems();
    expect(p).toMatchObject({ rule: 'source-url', severity: 'error', at: `${yamlFile()}:6` });
    expect(p!.message).toBe(`t1-001: source_url https://chinhphu.vn/749 không có trong ${csvFile()} (cần một dòng có id t1-001 và đúng địa chỉ này; tệp có ${URL1} (${csvFile()}:2))`);
  });

  it('should fail when a topic has source URLs but no CSV, once per file', () => {
    unlinkSync(csvFile());
    expect(sourceProblems()).toEqual([
      { rule: 'source-url', severity: 'error', at: yamlFile(), message: `1 câu có source_url nhưng chưa có tệp ${csvFile()} (id,source_url,quote,read_on: mỗi câu một dòng)` },
    ]);
  });

  it('should require a source_url on every question only when the file says sources_required: true', () => {
    expect(sourceProblems()).toEqual([]);
    editYaml('document: "Quyết định 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ"\n', 'document: "Quyết định 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ"\nsources_required: true\n');
    const problems = sourceProblems();
    expect(problems.map((p) => [p.at, p.severity])).toEqual([
      [`${yamlFile()}:20`, 'error'],
      [`${yamlFile()}:32`, 'error'],
    ]);
    expect(problems[0]!.message).toContain('t1-002: thiếu source_url — tệp ghi sources_required: true');
  });

  it('should check every CSV row: header, https URL, quote, a real dd/mm/yyyy date and a known id', () => {
    writeFileSync(
      csvFile(),
      [
        'id,source_url,quote,read_on',
        `t1-001,${URL1},"Quyết định số 749/QĐ-TTg ngày 03 tháng 6 năm 2020",05/12/2026`,
        't1-002,http://chinhphu.vn,"tầm nhìn đến năm 2030 của Chương trình",05/12/2026',
        't1-003,https://chinhphu.vn/a,ngắn,31/02/2026',
        't1-009,https://chinhphu.vn/b,"một câu trích đủ dài ở đây",2026-12-05',
        '',
      ].join('\n'),
    );
    const problems = sourceProblems().map((p) => `${p.at.replace(dir, '')} ${p.severity} ${p.message}`);
    expect(problems).toEqual([
      '/sources/t1.csv:3 error source_url: cần một địa chỉ https://… đầy đủ của trang công khai nêu thông tin này',
      '/sources/t1.csv:4 error quote: chép nguyên văn câu trên trang nêu thông tin này (ít nhất 10 ký tự)',
      '/sources/t1.csv:4 error read_on: không phải một ngày có thật',
      '/sources/t1.csv:5 error read_on: ngày đọc dạng dd/mm/yyyy, ví dụ 05/12/2026',
    ]);
    writeFileSync(csvFile(), `id,url,quote,read_on\nt1-001,${URL1},"Quyết định số 749/QĐ-TTg ngày 03 tháng 6 năm 2020",05/12/2026\n`);
    expect(sourceProblems().map((p) => p.message)).toEqual(['dòng tiêu đề phải là "id,source_url,quote,read_on" (đang là "id,url,quote,read_on")']);
    writeFileSync(csvFile(), `id,source_url,quote,read_on\nt1-001,${URL1},"Quyết định số 749/QĐ-TTg ngày 03 tháng 6 năm 2020",05/12/2026\nt1-009,${URL1},"một câu trích đủ dài ở đây",05/12/2026\n`);
    expect(sourceProblems().map((p) => [p.rule, p.severity, p.message])).toEqual([['source-row', 'warning', `không có câu "t1-009" trong chủ đề t1 (${yamlFile()})`]]);
  });
});

describe('npm run questions -- sources', () => {
  it('should write each missing source_url from the CSV when it names one URL, and list the questions it cannot decide', () => {
    editYaml(`    source_url: "${URL1}"\n`, '');
    writeFileSync(
      csvFile(),
      [
        'id,source_url,quote,read_on',
        `t1-001,${URL1},"Quyết định số 749/QĐ-TTg ngày 03 tháng 6 năm 2020",05/12/2026`,
        't1-002,https://chinhphu.vn/a,"tầm nhìn đến năm 2030 của Chương trình",05/12/2026',
        't1-002,https://chinhphu.vn/b,"tầm nhìn đến năm 2030 của Chương trình",05/12/2026',
        '',
      ].join('\n'),
    );
    expect(sourceProblems()).toEqual([]);
    const result = fillSourceUrls(dir, readBankFiles(dir));
    expect(result).toEqual({ written: ['t1.yaml'], filled: ['t1-001'], ambiguous: [{ id: 't1-002', urls: ['https://chinhphu.vn/a', 'https://chinhphu.vn/b'] }], missing: ['t1-003'] });
    expect(loadQuestionBank(dir).questions.map((q) => q.sourceUrl)).toEqual([URL1, undefined, undefined]);
    expect(sourceProblems()).toEqual([]);
    // Nothing left to write: the file stays as it is.
    expect(fillSourceUrls(dir, readBankFiles(dir)).written).toEqual([]);
  });
});

describe('source_url in the bank workbook', () => {
  const cellOf = async (file: string, address: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    return wb.getWorksheet('t1')!.getCell(address);
  };

  it('should export the URL in its own column and import it back unchanged, edited or kept when the column is gone', async () => {
    const xlsx = join(tmp, 'bank.xlsx');
    await exportWorkbook(loadQuestionBank(dir), xlsx);
    expect((await cellOf(xlsx, 'M1')).value).toBe('Địa chỉ nguồn (URL)');
    expect((await cellOf(xlsx, 'M2')).value).toBe(URL1);
    expect((await cellOf(xlsx, 'M3')).value).toBeNull();
    const before = readFileSync(yamlFile(), 'utf8');
    const same = await planImport(dir, xlsx);
    expect([same.added, same.changed, same.removed]).toEqual([[], [], []]);
    expect(same.files[0]!.content).toBe(before);

    const edit = async (change: (sheet: ExcelJS.Worksheet) => void) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(xlsx);
      change(wb.getWorksheet('t1')!);
      const out = join(tmp, 'edited.xlsx');
      await wb.xlsx.writeFile(out);
      return out;
    };
    const withUrl = await edit((s) => (s.getCell('M3').value = 'https://chinhphu.vn/chuong-trinh-chuyen-doi-so'));
    const plan = await planImport(dir, withUrl);
    expect(plan.changed).toEqual(['t1-002']);
    writePlan(plan);
    expect(readFileSync(yamlFile(), 'utf8')).toContain('    source: "Quyết định 749/QĐ-TTg, Điều 1"\n    source_url: "https://chinhphu.vn/chuong-trinh-chuyen-doi-so"\n');
    expect(loadQuestionBank(dir).questions.find((q) => q.id === 't1-002')!.sourceUrl).toBe('https://chinhphu.vn/chuong-trinh-chuyen-doi-so');

    const bad = await edit((s) => (s.getCell('M2').value = 'vanban.chinhphu.vn/749'));
    await expect(planImport(dir, bad)).rejects.toThrow(ImportError);
    await planImport(dir, bad).catch((err: ImportError) =>
      expect(err.problems).toEqual(['Trang tính "t1", dòng 2, cột M (Địa chỉ nguồn (URL)): cần một địa chỉ https://… đầy đủ của trang công khai nêu thông tin này']),
    );

    // An older template without the column keeps every question's URL.
    const older = await edit((s) => s.spliceColumns(13, 2));
    expect((await planImport(dir, older)).changed).toEqual([]);
  });
});
