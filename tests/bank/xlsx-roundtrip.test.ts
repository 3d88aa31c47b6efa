import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planImport, writePlan } from '../../src/bank/import-plan.ts';
import { loadQuestionBank } from '../../src/bank/questions.ts';
import { GUIDE_SHEET } from '../../src/bank/sheet-columns.ts';
import { exportWorkbook } from '../../src/documents/question-bank-workbook.ts';
import { copyBank } from '../helpers/bank.ts';

const CAMPAIGN = 'campaigns/bac-son-2023.yaml';
let bank: ReturnType<typeof copyBank>;
let xlsx: string;

beforeEach(async () => {
  bank = copyBank();
  xlsx = join(bank.tmp, 'bank.xlsx');
  await exportWorkbook(loadQuestionBank(bank.dir), xlsx);
});
afterEach(() => bank.cleanup());

async function edit(change: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  change(wb);
  const out = join(bank.tmp, 'edited.xlsx');
  await wb.xlsx.writeFile(out);
  return out;
}

describe('export', () => {
  it('should write a guide sheet and one formatted sheet per topic with Vietnamese headers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((s) => s.name)).toEqual([GUIDE_SHEET, 'luatai', 'luatcds', 'qd411', 'nq49', 'nq57', 'luatdl', 'qd749', 'bvdlcn', 'qd942', 'bdhvs', 'cuocthi', 'dti']);
    const sheet = wb.getWorksheet('qd749')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined, 'Mã câu hỏi', 'Câu hỏi', 'Phương án A', 'Phương án B', 'Phương án C', 'Phương án D', 'Phương án E', 'Phương án F', 'Đáp án đúng', 'Giải thích', 'Nguồn', 'Mức độ',
      'Địa chỉ nguồn (URL)', 'Lý do để đáp án dài nhất',
    ]);
    expect(sheet.actualRowCount).toBe(28);
    expect(sheet.getCell('A2').value).toBe('qd749-001');
    expect(sheet.getCell('I2').value).toBe('ABCDEF'[loadQuestionBank(bank.dir).questions.find((q) => q.id === 'qd749-001')!.correct]);
    expect(sheet.getCell('L2').value).toBe('Dễ');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getCell('B2').alignment).toMatchObject({ wrapText: true });
    expect(sheet.getColumn(2).width).toBe(48);
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', printTitlesRow: '1:1', fitToWidth: 1 });
    expect(sheet.getCell('I2').dataValidation).toMatchObject({ type: 'list' });
  });
});

describe('import', () => {
  it('should change nothing when the exported workbook comes back unedited (byte-identical YAML)', async () => {
    const before = bank.snapshot();
    const plan = await planImport(bank.dir, xlsx, CAMPAIGN);
    expect(writePlan(plan)).toEqual([]);
    expect([plan.added, plan.changed, plan.removed]).toEqual([[], [], []]);
    expect(bank.snapshot()).toEqual(before);
    expect(plan.files.every((f) => f.content === before[f.path.split('/').pop()!])).toBe(true);
  });

  it('should write edits, keep ids stable, number new questions and report added, changed, removed', async () => {
    const edited = await edit((wb) => {
      const sheet = wb.getWorksheet('qd749')!;
      sheet.getCell('B3').value = 'Quyết định 749/QĐ-TTg được Thủ tướng Chính phủ ký ban hành vào ngày nào?';
      sheet.spliceRows(4, 1); // qd749-003 deleted
      sheet.addRow(['', 'Chương trình Chuyển đổi số quốc gia đặt con người ở vị trí nào?', 'Trung tâm', 'Ngoại vi', 'Thứ yếu', 'Bên lề', '', '', 'A', 'Quyết định 749/QĐ-TTg xác định người dân là trung tâm của chuyển đổi số.', 'Quyết định 749/QĐ-TTg, Điều 1', 'Dễ']);
    });
    const before = bank.snapshot();
    const plan = await planImport(bank.dir, edited, CAMPAIGN);
    expect(plan).toMatchObject({ added: ['qd749-028'], changed: ['qd749-002'], removed: ['qd749-003'] });
    expect(writePlan(plan)).toEqual(['749-qd-ttg.yaml']);
    const after = bank.snapshot();
    expect(Object.keys(after).filter((f) => after[f] !== before[f])).toEqual(['749-qd-ttg.yaml']);
    const yaml = after['749-qd-ttg.yaml']!;
    expect(yaml.startsWith('# Câu hỏi về Quyết định 749/QĐ-TTg')).toBe(true);
    expect(yaml).toContain('  - id: qd749-028\n    difficulty: easy\n    text: "Chương trình Chuyển đổi số quốc gia đặt con người ở vị trí nào?"');
    const reloaded = loadQuestionBank(bank.dir);
    expect(reloaded.questions.find((q) => q.id === 'qd749-002')!.text).toContain('vào ngày nào');
    expect(reloaded.questions.some((q) => q.id === 'qd749-003')).toBe(false);
  });

  it('should store pasted decomposed (NFD) text as NFC: the same text changes nothing', async () => {
    const edited = await edit((wb) => {
      const cell = wb.getWorksheet('dti')!.getCell('B2');
      cell.value = String(cell.value).normalize('NFD');
    });
    const plan = await planImport(bank.dir, edited, CAMPAIGN);
    expect([plan.added, plan.changed, plan.removed]).toEqual([[], [], []]);
  });

  it('should import a CSV with a topic column, and a CSV named after its topic', async () => {
    const b = loadQuestionBank(bank.dir);
    const q = b.questions.filter((x) => x.topic === 'cuocthi');
    const esc = (s: string) => `"${s.replace(/"/gu, '""')}"`;
    const line = (x: (typeof q)[number], topic?: string) =>
      [...(topic ? [topic] : []), x.id, x.text, ...x.options, '', '', 'ABCD'[x.correct]!, x.explanation, x.source, x.difficulty].map(esc).join(';');
    const header = 'Mã câu hỏi;Câu hỏi;Phương án A;Phương án B;Phương án C;Phương án D;Phương án E;Phương án F;Đáp án đúng;Giải thích;Nguồn;Mức độ';
    const named = join(bank.tmp, 'cuocthi.csv');
    writeFileSync(named, `\uFEFF${header}\n${q.map((x) => line(x)).join('\n')}\n`);
    expect(await planImport(bank.dir, named, CAMPAIGN)).toMatchObject({ added: [], changed: [], removed: [] });
    const withTopic = join(bank.tmp, 'bank.csv');
    writeFileSync(withTopic, `Chủ đề;${header}\n${q.slice(1).map((x) => line(x, 'cuocthi')).join('\n')}\n`);
    const plan = await planImport(bank.dir, withTopic, CAMPAIGN);
    expect(plan).toMatchObject({ added: [], changed: [], removed: ['cuocthi-001'] });
    expect(plan.untouched).toEqual(['luatai', 'luatcds', 'qd411', 'nq49', 'nq57', 'luatdl', 'qd749', 'bvdlcn', 'qd942', 'bdhvs', 'dti']);
  });

  it('should read the shipped YAML exactly as the writer would write it', () => {
    for (const [name, text] of Object.entries(bank.snapshot())) expect(readFileSync(join('question-bank/questions', name), 'utf8')).toBe(text);
  });
});
