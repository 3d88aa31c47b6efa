import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { createTestApp, tempDir, testClock, textUser } from '../helpers/app.ts';
import { runTs } from '../helpers/run.ts';

// Week 2 of the shipped 2023 campaign. SQLite in both suites: this is the SQLite backup.
const WEEK2 = '2023-07-12T09:00:00+07:00';

/** People who finished registering. */
const registered = async (app: App) =>
  Number((await app.db.selectFrom('participants').select((eb) => eb.fn.countAll().as('n')).where('registered_at', 'is not', null).executeTakeFirstOrThrow()).n);

/** People registering one after another until stopped, as a running bot would write. */
function keepRegistering(app: App) {
  let stop = false;
  let n = 0;
  const done = (async () => {
    while (!stop) {
      await textUser(app, `writer-${++n}`).register('Hoàng Thị Mai', 1 + (n % 5));
      // SQLite answers without leaving the microtask queue: let the event loop see the backup process.
      await new Promise(setImmediate);
    }
  })();
  return { stop: () => ((stop = true), done) };
}

describe('npm run db:backup and restore (SQLite)', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());
  const clock = testClock(WEEK2);
  // Each test its own database and backup file.
  let tests = 0;
  let file: string;
  let backup: string;
  beforeEach(() => {
    tests++;
    file = join(dir.path, `district-${tests}.sqlite`);
    backup = join(dir.path, 'backup', `district-${tests}.sqlite`);
  });

  it('should take a backup while the app writes, which opens with the rows written before it started', async () => {
    const app = await createTestApp({ now: clock.now, dir: dir.path, env: { DATABASE_URL: file } });
    const writer = keepRegistering(app);
    let before: number;
    let after: number;
    try {
      while ((await registered(app)) < 5) await new Promise(setImmediate);
      before = await registered(app);
      const ran = await runTs('src/cli/db-backup.ts', [backup], { env: { DATABASE_URL: file } });
      after = await registered(app);
      expect(ran.stderr).toBe('');
      expect(ran.code).toBe(0);
      expect(ran.stdout).toMatch(/participants +\d+/u);
      expect(ran.stdout).toContain('✓ Đã sao lưu / backed up to');
    } finally {
      await writer.stop();
      await app.close();
    }
    expect(after).toBeGreaterThan(before);
    expect(existsSync(`${backup}.partial`)).toBe(false);

    const restored = await createTestApp({ now: clock.now, dir: dir.path, env: { DATABASE_URL: backup } });
    try {
      const rows = await registered(restored);
      expect(rows).toBeGreaterThanOrEqual(before);
      expect(rows).toBeLessThanOrEqual(after);
      expect(await textUser(restored, 'boss', { isAdmin: true }).say('/thongke')).toContain(`Đăng ký: ${rows}\n`);
    } finally {
      await restored.close();
    }
  });

  it('should restore by copying the backup back with the bot stopped: the app opens with the data of the backup', async () => {
    let app = await createTestApp({ now: clock.now, dir: dir.path, env: { DATABASE_URL: file } });
    await textUser(app, 'mai').register('Hoàng Thị Mai', 2);
    await textUser(app, 'mai').say('/thi');
    for (let i = 0; i < 10; i++) await textUser(app, 'mai').say('A');
    const results = await textUser(app, 'mai').say('/ketqua');
    expect((await runTs('src/cli/db-backup.ts', [backup], { env: { DATABASE_URL: file } })).code).toBe(0);
    await textUser(app, 'late').register('Người đến sau', 3);
    await app.close();

    // docs/deployment.md: stop the bot, copy the backup over the database, remove its -wal and -shm files, start.
    copyFileSync(backup, file);
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });

    app = await createTestApp({ now: clock.now, dir: dir.path, env: { DATABASE_URL: file } });
    try {
      expect(await textUser(app, 'mai').say('/ketqua')).toBe(results);
      expect(await registered(app)).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('should not back up PostgreSQL itself but print the pg_dump and pg_restore lines', async () => {
    const ran = await runTs('src/cli/db-backup.ts', [backup], { env: { DATABASE_URL: 'postgres://cdsq@db.internal:5432/cdsq' } });
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain(`pg_dump -Fc -d "$DATABASE_URL" -f ${backup}`);
    expect(ran.stderr).toContain(`pg_restore --no-owner -d "$DATABASE_URL" ${backup}`);
  });
});
