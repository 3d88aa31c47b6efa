import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyBank } from '../helpers/bank.ts';

let bank: ReturnType<typeof copyBank>;
beforeAll(() => {
  bank = copyBank();
});
afterAll(() => bank.cleanup());

function run(script: string, ...args: string[]) {
  const env = { ...process.env, QUESTION_BANK_DIR: bank.dir, DATABASE_URL: join(bank.tmp, 'none.sqlite') };
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run questions', () => {
  it('should export, re-import without changes, refuse a broken workbook and report without a database', async () => {
    const xlsx = join(bank.tmp, 'bank.xlsx');
    expect(run('src/cli/questions.ts', 'export', xlsx)).toMatchObject({ code: 0 });
    expect(existsSync(xlsx)).toBe(true);

    const again = run('src/cli/questions.ts', 'import', xlsx);
    expect(again.code).toBe(0);
    expect(again.out).toContain('Không có gì thay đổi / nothing to change.');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    wb.getWorksheet('dti')!.getCell('I3').value = 'B và C';
    const broken = join(bank.tmp, 'broken.xlsx');
    await wb.xlsx.writeFile(broken);
    const before = bank.snapshot();
    const refused = run('src/cli/questions.ts', 'import', broken);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('không thay đổi gì / nothing changed');
    expect(refused.err).toContain('Trang tính "dti", dòng 3, cột I (Đáp án đúng): ghi 2 đáp án đúng (B, C)');
    expect(bank.snapshot()).toEqual(before);

    const report = run('src/cli/questions.ts', 'report');
    expect(report.code).toBe(0);
    expect(report.out).toContain('281 câu, 12 chủ đề');
    // The longest option: per file and overall, within the bounds the check enforces.
    expect(report.out).toMatch(/Phương án dài nhất \(số ký tự, NFC\) là đáp án[^\n]*\(tối đa 30%, mỗi tệp 35%\):/u);
    expect(report.out).toMatch(/\n  qd411\s+411-qd-ttg\.yaml\s+28\s+\d+\s+\d+\/\d+ \(\d+%\)\n/u);
    expect(report.out).toMatch(/\n  Tổng\s+281\s+\d+\s+\d+\/\d+ \(\d+%\)\n/u);
    expect(report.out).not.toContain('✗');
    expect(existsSync(join(bank.tmp, 'none.sqlite'))).toBe(false);
  });

  it('should pass questions:check --strict on the shipped bank', () => {
    const r = run('src/cli/questions-check.ts', '--strict');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('✓ không có cảnh báo / no warnings');
    // Every campaign in campaigns/, each with its own unit lists.
    expect(r.out).toContain('✓ campaigns/bac-son-2023.yaml: 18 xã, thị trấn (units/communes.csv), 20 cơ quan/đơn vị; số dân / population: 18/18');
    expect(r.out).toContain('✓ campaigns/lang-son-2025.yaml: 65 xã, phường (units/lang-son-2025-communes.csv), 0 cơ quan/đơn vị; số dân / population: 65/65');
    expect(r.out).toMatch(/phương án dài nhất là đáp án \/ uniquely longest option is the key: \d+\/\d+ \((2\d|30)%\)/u);
    const one = run('src/cli/questions-check.ts', '--strict', 'campaigns/lang-son-2025.yaml');
    expect(one.code).toBe(0);
    expect(one.out).not.toContain('bac-son-2023');
  });

  it('should warn under --strict when a campaign\u2019s communes lack a population, never about agencies', () => {
    const file = join(bank.dir, 'units/lang-son-2025-communes.csv');
    const csv = readFileSync(file, 'utf8');
    const lines = csv.split('\n');
    // Lines 2 and 4 lose their population (the fourth field).
    for (const i of [1, 3]) lines[i] = lines[i]!.replace(/^([^,]+,[^,]+,[^,]+,)\d+,/u, '$1,');
    writeFileSync(file, lines.join('\n'));
    try {
      const strict = run('src/cli/questions-check.ts', '--strict', 'campaigns/lang-son-2025.yaml');
      expect(strict.code).toBe(1);
      expect(strict.out).toContain(
        `${file}: [population] 2/65 xã, phường chưa có số dân (cột population): Phường Đông Kinh (dòng 2), Phường Tam Thanh (dòng 4) — ` +
          'đề nghị khen thưởng bỏ tiêu chí "trên 1.000 dân" cho cả khối',
      );
      expect(strict.out).toContain('số dân / population: 63/65');
      // The 2023 campaign's agencies have no population column and get no warning.
      expect(run('src/cli/questions-check.ts', '--strict', 'campaigns/bac-son-2023.yaml')).toMatchObject({ code: 0 });
      expect(run('src/cli/questions-check.ts', 'campaigns/lang-son-2025.yaml')).toMatchObject({ code: 0 });
    } finally {
      writeFileSync(file, csv);
    }
  });

  it('should fail, without --strict too, when a question gives another away', () => {
    const file = join(bank.dir, 'questions/cuoc-thi.yaml');
    const yaml = readFileSync(file, 'utf8');
    // cuocthi-010 names the contest in full again: cuocthi-001's key.
    writeFileSync(file, yaml.replace('Thể lệ cuộc thi về chuyển đổi số cấp tỉnh năm 2023 của Lạng Sơn', 'Thể lệ Cuộc thi trắc nghiệm tìm hiểu về chuyển đổi số tỉnh Lạng Sơn năm 2023'));
    try {
      const r = run('src/cli/questions-check.ts', 'campaigns/bac-son-2023.yaml');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/cuoc-thi\.yaml:\d+: \[giveaway\] lộ đáp án nếu cùng một lượt thi — cuocthi-010 câu hỏi: "Cuộc thi trắc nghiệm tìm hiểu về chuyển đổi số tỉnh Lạng" = đáp án cuocthi-001/u);
      expect(r.err).toContain('ghi cặp [cuocthi-001, cuocthi-010] kèm lý do vào');
    } finally {
      writeFileSync(file, yaml);
    }
  });
});
