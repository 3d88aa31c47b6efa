import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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
    expect(report.out).toContain('285 câu, 12 chủ đề');
    expect(existsSync(join(bank.tmp, 'none.sqlite'))).toBe(false);
  });

  it('should pass questions:check --strict on the shipped bank', () => {
    const r = run('src/cli/questions-check.ts', '--strict');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('✓ không có cảnh báo / no warnings');
    // Every campaign in campaigns/, each with its own unit lists.
    expect(r.out).toContain('✓ campaigns/bac-son-2023.yaml: 18 xã, thị trấn (units/communes.csv), 20 cơ quan/đơn vị');
    expect(r.out).toContain('✓ campaigns/lang-son-2025.yaml: 65 xã, phường (units/lang-son-2025-communes.csv), 0 cơ quan/đơn vị');
    const one = run('src/cli/questions-check.ts', '--strict', 'campaigns/lang-son-2025.yaml');
    expect(one.code).toBe(0);
    expect(one.out).not.toContain('bac-son-2023');
  });
});
