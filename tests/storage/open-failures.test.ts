import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exitOf, startMain } from '../helpers/processes.ts';
import { tempDir } from '../helpers/app.ts';

/** Starts the app as `npm start` does with DATABASE_URL set to `url`; resolves with its exit code and stderr. */
async function startWith(url: string): Promise<{ code: number | null; text: string }> {
  const child = startMain({ DATABASE_URL: url, DEMO: 'off', TELEGRAM_BOT_TOKEN: '', ZALO_BOT_TOKEN: '' });
  const { code } = await exitOf(child);
  return { code, text: child.output.join('') };
}

// SQLite in both suites: these are the embedded database's files.
describe('a database that cannot be opened at start-up', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it('should name the path and say that a parent is a file, without a stack trace', async () => {
    writeFileSync(join(dir.path, 'data'), 'not a folder');
    const { code, text } = await startWith(join(dir.path, 'data', 'bot.sqlite'));
    expect(code).toBe(1);
    expect(text).toContain(`không mở được cơ sở dữ liệu ${join(dir.path, 'data', 'bot.sqlite')}`);
    expect(text).toContain('part of the path is a file, not a folder');
    expect(text).not.toMatch(/\n\s+at /u);
  }, 60_000);

  it('should say when the path is a folder or the file is not a database', async () => {
    const folder = await startWith(dir.path);
    expect(folder.text).toContain('SQLITE_CANTOPEN');
    const junk = join(dir.path, 'junk.sqlite');
    writeFileSync(junk, 'hello, not a database'.repeat(50));
    const notADb = await startWith(junk);
    expect(notADb.code).toBe(1);
    expect(notADb.text).toContain('the file is not an SQLite database, or it is damaged');
  }, 60_000);
});
