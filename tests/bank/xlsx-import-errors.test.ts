import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planImport } from '../../src/bank/import-plan.ts';
import { loadQuestionBank } from '../../src/bank/questions.ts';
import { exportWorkbook } from '../../src/documents/question-bank-workbook.ts';
import { ImportError } from '../../src/bank/xlsx-import.ts';
import { copyBank } from '../helpers/bank.ts';

const CAMPAIGN = 'campaigns/bac-son-2023.yaml';
let bank: ReturnType<typeof copyBank>;
let xlsx: string;
let before: Record<string, string>;

beforeAll(async () => {
  bank = copyBank();
  xlsx = join(bank.tmp, 'bank.xlsx');
  await exportWorkbook(loadQuestionBank(bank.dir), xlsx);
  before = bank.snapshot();
});
afterAll(() => bank.cleanup());

let n = 0;
async function broken(change: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  change(wb);
  const out = join(bank.tmp, `broken-${++n}.xlsx`);
  await wb.xlsx.writeFile(out);
  return out;
}

/** The import fails with exactly these problems and leaves every YAML file as it was. */
async function refused(file: string): Promise<string[]> {
  const err = await planImport(bank.dir, file, CAMPAIGN).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportError);
  expect(bank.snapshot()).toEqual(before);
  return (err as ImportError).problems;
}

const qd749 = (wb: ExcelJS.Workbook) => wb.getWorksheet('qd749')!;

describe('import of a broken workbook', () => {
  it('should name a missing column', async () => {
    const file = await broken((wb) => qd749(wb).spliceColumns(9, 1));
    expect(await refused(file)).toEqual(['Trang tính "qd749", dòng 1 (tiêu đề): thiếu cột "Đáp án đúng"']);
  });

  it('should refuse two correct answers', async () => {
    const file = await broken((wb) => (qd749(wb).getCell('I5').value = 'A, C'));
    expect(await refused(file)).toEqual(['Trang tính "qd749", dòng 5, cột I (Đáp án đúng): ghi 2 đáp án đúng (A, C): mỗi câu chỉ có đúng một đáp án đúng']);
  });

  it('should refuse an empty option before a filled one', async () => {
    const file = await broken((wb) => (qd749(wb).getCell('D7').value = null));
    expect(await refused(file)).toEqual([
      'Trang tính "qd749", dòng 7, cột D (Phương án B): phương án B để trống nhưng phương án D có nội dung — điền liền từ A',
    ]);
  });

  it('should refuse a correct letter whose option is empty', async () => {
    const file = await broken((wb) => (qd749(wb).getCell('I2').value = 'E'));
    expect(await refused(file)).toEqual(['Trang tính "qd749", dòng 2, cột I (Đáp án đúng): đáp án E nhưng phương án E để trống']);
  });

  it('should refuse a sheet for an unknown topic', async () => {
    const file = await broken((wb) => (qd749(wb).name = 'qd999'));
    const problems = await refused(file);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Trang tính "qd999": không có chủ đề "qd999" trong ngân hàng \(các chủ đề: luatai, luatcds, qd411, nq49, nq57, luatdl, qd749, bvdlcn, qd942, bdhvs, cuocthi, dti\)/u);
  });

  it('should refuse a duplicate id, naming both rows', async () => {
    const file = await broken((wb) => (qd749(wb).getCell('A4').value = 'qd749-001'));
    expect(await refused(file)).toEqual(['Trang tính "qd749", dòng 4: [duplicate-id] trùng id "qd749-001" với Trang tính "qd749", dòng 2']);
  });

  it('should refuse formula cells', async () => {
    const file = await broken((wb) => (qd749(wb).getCell('C3').value = { formula: 'B2&""', result: 'x' } as ExcelJS.CellFormulaValue));
    expect(await refused(file)).toEqual([
      'Trang tính "qd749", dòng 3, cột C (Phương án A): là công thức (=B2&"") — chỉ nhập chữ; dùng "Dán đặc biệt → Giá trị" (Paste Special → Values)',
    ]);
  });

  it('should refuse a date where text was expected', async () => {
    const file = await broken((wb) => {
      const cell = qd749(wb).getCell('E3');
      cell.value = new Date(Date.UTC(2020, 5, 3));
      cell.style = { ...cell.style, numFmt: 'dd/mm/yyyy' }; // what Excel does to "03/6/2020" typed in a General cell
    });
    expect(await refused(file)).toEqual([
      "Trang tính \"qd749\", dòng 3, cột E (Phương án C): là ô ngày tháng (03/06/2020): Excel đã đổi chữ thành ngày — nhập lại dạng chữ, gõ dấu ' trước (ví dụ '03/6/2020)",
    ]);
  });

  it('should refuse a percentage typed as a number but accept a whole number', async () => {
    const file = await broken((wb) => {
      const cell = qd749(wb).getCell('C9');
      cell.value = 0.8;
      cell.style = { ...cell.style, numFmt: '0%' }; // "80%" typed in a General cell
      qd749(wb).getCell('D9').value = 1680;
    });
    expect(await refused(file)).toEqual(['Trang tính "qd749", dòng 9, cột C (Phương án A): là ô kiểu số (0.8, định dạng "0%") — hãy nhập dạng chữ: gõ dấu \' trước nội dung']);
  });

  it('should report every bad row at once', async () => {
    const file = await broken((wb) => {
      qd749(wb).getCell('L3').value = 'rất khó';
      wb.getWorksheet('dti')!.getCell('B2').value = '';
    });
    expect(await refused(file)).toEqual([
      'Trang tính "qd749", dòng 3, cột L (Mức độ): mức độ "rất khó" không hợp lệ — ghi Dễ, Trung bình hoặc Khó',
      'Trang tính "dti", dòng 2, cột B (Câu hỏi): không được để trống',
    ]);
  });

  it('should refuse a 5 MB file before reading it', async () => {
    const file = join(bank.tmp, 'huge.xlsx');
    writeFileSync(file, randomBytes(5 * 1024 * 1024));
    expect(await refused(file)).toEqual([`${file}: tệp nặng 5,0 MB, tối đa 2,0 MB (cả ngân hàng câu hỏi chỉ khoảng 0,1 MB) — xóa hình ảnh, dòng và trang tính thừa`]);
  });

  it('should refuse a 5 MB sheet that compresses into a small file', async () => {
    const text = 'Nội dung lặp lại rất dài để làm phình trang tính. '.repeat(40);
    const file = await broken((wb) => {
      for (let i = 0; i < 2500; i++) qd749(wb).addRow([`qd749-${1000 + i}`, text]);
    });
    expect(await refused(file)).toEqual(['Trang tính "qd749": có 2528 dòng, tối đa 2000 câu hỏi mỗi trang — xóa các dòng thừa']);
  });

  it('should refuse a CSV that is not UTF-8', async () => {
    const file = join(bank.tmp, 'qd749.csv');
    writeFileSync(file, Buffer.from([0x4d, 0xe3, 0x20, 0x63, 0xe2, 0x75, 0x0a])); // Windows-1258 bytes
    expect((await refused(file))[0]).toMatch(/không phải mã UTF-8/u);
  });
});
