import { testDatabaseUrl } from '../helpers/db.ts';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, tempDir, testClock, textUser, TEST_DOWNLOAD_SECRET, TEST_IDENTITY_HASH_KEY } from '../helpers/app.ts';
import { docxTables, docxText, zipEntry } from '../helpers/office.ts';

const dir = tempDir();
afterAll(() => dir.remove());

/** `npm run khenthuong -- --out DIR` in `cwd`, with only `env` on top of a clean environment (no tokens). */
function khenthuong(out: string, env: Record<string, string>, cwd = process.cwd()) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'DEMO', 'CONTEST_CLOSES_AT', 'TELEGRAM_BOT_TOKEN', 'ZALO_BOT_TOKEN'].includes(k)),
  );
  const script = resolve('src/cli/khenthuong.ts');
  // tsx by path: `cwd` may be a folder without node_modules.
  const tsx = resolve('node_modules/.bin/tsx');
  const r = spawnSync(tsx, [script, '--out', out], { cwd, env: { ...clean, ...env }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run khenthuong', () => {
  it('should write both files from the configured database', async () => {
    const clock = testClock('2023-07-05T10:00:00+07:00');
    const app = await createTestApp({ now: clock.now, dir: dir.path });
    const u = textUser(app, 'a');
    await u.register('Đinh Văn Ba', 2);
    await u.say('/thi');
    for (let i = 0; i < 10; i++) await u.say('A');
    await app.close();

    const out = join(dir.path, 'out');
    // The same database the test app wrote (a PostgreSQL one under test:pg, which also needs the shared keys).
    const r = khenthuong(out, { DATABASE_URL: testDatabaseUrl(dir.path), DEMO: 'off', LOG_LEVEL: 'silent', IDENTITY_HASH_KEY: TEST_IDENTITY_HASH_KEY, DOWNLOAD_SECRET: TEST_DOWNLOAD_SECRET });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('✓ Đề nghị khen thưởng: 1 xã, thị trấn; 0 cơ quan, đơn vị; 1 cá nhân.');
    expect(r.out).toContain(join(out, 'de-nghi-khen-thuong.docx'));
    const docx = readFileSync(join(out, 'de-nghi-khen-thuong.docx'));
    const [, collectives, individuals] = docxTables(await zipEntry(docx, 'word/document.xml'));
    expect(collectives![1]![1]).toBe('Xã Bắc Quỳnh');
    expect(individuals![1]![1]).toBe('Đinh Văn Ba');
    // The shipped 2023 campaign has closed: the final document, no draft mark.
    expect(docxText(await zipEntry(docx, 'word/document.xml'))).not.toContain('DỰ THẢO');
    expect(await zipEntry(readFileSync(join(out, 'de-nghi-khen-thuong.xlsx')), 'xl/workbook.xml')).toContain('name="Cá nhân"');
  });

  it('should use the demo database and campaign when nothing is configured, marked as a draft', async () => {
    const cwd = join(dir.path, 'fresh');
    mkdirSync(cwd);
    const r = khenthuong('out', { CAMPAIGN_FILE: resolve('campaigns/bac-son-2023.yaml'), QUESTION_BANK_DIR: resolve('question-bank') }, cwd);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('[DEMO]');
    expect(r.out).toContain('data/demo.sqlite');
    expect(existsSync(join(cwd, 'data', 'demo.sqlite'))).toBe(true);
    const text = docxText(await zipEntry(readFileSync(join(cwd, 'out', 'de-nghi-khen-thuong.docx')), 'word/document.xml'));
    expect(text).toContain('DỰ THẢO');
    expect(text).toContain('Chưa có đơn vị, cá nhân nào đủ điều kiện.');
  });
});
