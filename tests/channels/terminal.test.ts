import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/app.ts';
import { testDatabaseUrl } from '../helpers/db.ts';
import { runTs } from '../helpers/run.ts';

/** Runs the real entry point (`npm start` / `npm run chat`) with piped input, as a newcomer would type. */
const runBot = (args: string[], input: string, env: Record<string, string>) => runTs('src/main.ts', args, { input, env });

describe('local terminal chat', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it('should let a newcomer register, play a whole quiz, predict, see results and the official boards', async () => {
    const closes = new Date(Date.now() + 3 * 86_400_000).toISOString().replace('Z', '+00:00');
    const script = ['1', 'Tân Tri', '1', '0', 'Hoàng Thị Mai', '0', '/thi', ...Array(10).fill('A'), '85', '/ketqua', '/bxh', '/admin', '/bxh', '/bxhxa', '/thongke', ''].join('\n');
    const { code, stdout } = await runBot(['--chat'], script, { DATABASE_URL: testDatabaseUrl(dir.path, 'chat.sqlite'), DATA_DIR: join(dir.path, 'data'), CONTEST_CLOSES_AT: closes });
    expect(code).toBe(0);
    expect(stdout).toContain('local chat');
    expect(stdout).toContain('TELEGRAM_BOT_TOKEN');
    expect(stdout).toContain('Đăng ký thành công');
    for (let n = 1; n <= 10; n++) expect(stdout).toContain(`Câu ${n}/10`);
    const score = /Hoàn thành! Bạn trả lời đúng (\d+)\/10 câu/u.exec(stdout);
    expect(score).not.toBeNull();
    expect(stdout).toContain('Đã ghi nhận dự đoán của bạn: 85');
    expect(stdout).toContain('📊 Kết quả của Hoàng Thị Mai');
    expect(stdout).toContain('Chế độ cán bộ quản lý');
    expect(stdout).toContain(`1. Hoàng Thị Mai — Xã Tân Tri — ${score![1]} điểm`);
    expect(stdout).toMatch(/1\. Xã Tân Tri: 1 người dự thi, 1 lượt/u);
    expect(stdout).toContain('Đã dự thi: 1');
    expect(stdout).toContain('Tạm biệt');
  });

  it('should save /xuat, /khenthuong and /link files under the data folder and print their full paths', async () => {
    const closes = new Date(Date.now() + 3 * 86_400_000).toISOString().replace('Z', '+00:00');
    const dataDir = join(dir.path, 'data');
    const script = ['/admin', '/xuat', '/khenthuong', '/link', ''].join('\n');
    const { code, stdout } = await runBot(['--chat'], script, { DATABASE_URL: testDatabaseUrl(dir.path, 'chat.sqlite'), DATA_DIR: dataDir, CONTEST_CLOSES_AT: closes });
    expect(code).toBe(0);
    const saved = [...stdout.matchAll(/\[Đã lưu tệp: (.+)\]/gu)].map((m) => m[1]!);
    const folder = resolve(dataDir, 'exports');
    expect(saved.map((p) => basename(p))).toEqual([
      expect.stringMatching(/^bao-cao-bac-son-2023-\d{4}-\d{2}-\d{2}\.xlsx$/u),
      'de-nghi-khen-thuong.docx',
      'de-nghi-khen-thuong.xlsx',
      expect.stringMatching(/^link-don-vi-bac-son-2023-\d{4}-\d{2}-\d{2}\.docx$/u),
    ]);
    for (const path of saved) {
      expect(dirname(path)).toBe(folder);
      // Office files are zip archives: a whole file, not a name.
      expect(readFileSync(path).subarray(0, 2).toString()).toBe('PK');
    }
    expect(readdirSync(folder).sort()).toEqual(saved.map((p) => basename(p)).sort());
    // The real entry point in a child process, building two workbooks and two documents: slow on a loaded machine.
  }, 90_000);

  it('should run the labelled demo campaign when started with no token and no closing date', async () => {
    const { code, stdout } = await runBot([], '', { DATABASE_URL: testDatabaseUrl(dir.path, 'demo.sqlite') });
    expect(code).toBe(0);
    expect(stdout).toContain('BẢN DÙNG THỬ (DEMO)');
    const closing = new Date(Date.now() + 7 * 86_400_000).toLocaleDateString('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' });
    expect(stdout).toContain(`đến hết ngày ${closing}`);
  });

  it('should refuse to start on an invalid question bank and say which file and line', async () => {
    cpSync('question-bank', join(dir.path, 'bank'), { recursive: true });
    const file = join(dir.path, 'bank', 'questions', 'cuoc-thi.yaml');
    writeFileSync(file, 'topic: cuocthi\ntopic_name: "x"\ndocument: "y"\nquestions:\n  - id: cuocthi-001\n    difficulty: easy\n');
    const { code, stderr } = await runBot([], '', { DATABASE_URL: join(dir.path, 'x.sqlite'), QUESTION_BANK_DIR: join(dir.path, 'bank') });
    expect(code).toBe(1);
    expect(stderr).toMatch(/cuoc-thi\.yaml:5: questions\[0\]\.text:/u);
    expect(stderr).toContain('Bot không khởi động được');
  });
});
