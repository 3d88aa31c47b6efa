import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { createTestApp, tempDir, testClock, textUser } from '../helpers/app.ts';
import { postgresTestDatabase } from '../helpers/db.ts';
import { runTs } from '../helpers/run.ts';

// Week 2 of the shipped 2023 campaign.
const WEEK2 = '2023-07-12T09:00:00+07:00';

/** A few people through the conversation: one invites another, all finish a quiz, one twice with a prediction. */
async function playDistrict(app: App): Promise<void> {
  const first = textUser(app, 'first');
  await first.register('Hoàng Văn Minh', 2);
  const payload = /\/start (r-[\w-]+)/u.exec(await first.say('/moi'))![1]!;
  const second = textUser(app, 'second');
  await second.register('Nông Thị Hoa', 5, `/start ${payload}`);
  const third = textUser(app, 'third');
  await third.register('Lộc Văn Thành', 3);
  for (const [user, choice] of [[first, 'A'], [second, 'B'], [third, 'C'], [first, 'B']] as const) {
    await user.say('/thi');
    for (let i = 0; i < 10; i++) await user.say(choice);
    await user.say('85');
  }
}

/** What people and officials see: results, boards, statistics. */
async function whatTheySee(app: App) {
  const official = textUser(app, 'boss', { isAdmin: true });
  return {
    results: await Promise.all(['first', 'second', 'third'].map((id) => textUser(app, id).say('/ketqua'))),
    boards: [await official.say('/bxh'), await official.say('/bxhxa'), await official.say('/thongke')],
    individuals: await app.services.boards.individuals({ limit: 10 }),
    communes: await app.services.boards.units('commune'),
    mobilisers: await app.services.boards.mobilisers(10),
    totals: await app.services.boards.totals(),
  };
}

describe('npm run db:copy (SQLite → PostgreSQL)', () => {
  let dir: ReturnType<typeof tempDir>;
  const clock = testClock(WEEK2);
  let sqliteFile: string;
  let postgresUrl: string;
  beforeEach(() => {
    dir = tempDir();
    clock.set(WEEK2);
    sqliteFile = join(dir.path, 'district.sqlite');
    postgresUrl = postgresTestDatabase(join(dir.path, 'province'));
  });
  afterEach(() => dir.remove());

  it('should move a district to PostgreSQL with the same boards and results, and let it go on there', async () => {
    const onSqlite = await createTestApp({ now: clock.now, dir: dir.path, env: { DATABASE_URL: sqliteFile } });
    await playDistrict(onSqlite);
    const before = await whatTheySee(onSqlite);
    await onSqlite.close();
    expect(before.individuals).toHaveLength(3);

    const copy = await runTs('src/cli/db-copy.ts', [sqliteFile, postgresUrl]);
    expect(copy.stderr).toBe('');
    expect(copy.code).toBe(0);
    expect(copy.stdout).toMatch(/✓ participants +rows 3→3 /u);
    expect(copy.stdout).toMatch(/✓ answers +rows 40→40 /u);
    expect(copy.stdout).toMatch(/Σscore (\d+)→\1/u);
    // Filled by PostgreSQL's triggers from the copied participants, not copied as well (that would count twice).
    expect(copy.stdout).toMatch(/✓ unit_totals +rows (\d+)→\1 .*Σregistered 3→3/u);
    expect(copy.stdout).not.toContain('✗');

    const onPostgres = await createTestApp({ now: clock.now, dir: dir.path, env: { DATABASE_URL: postgresUrl } });
    try {
      expect(await whatTheySee(onPostgres)).toEqual(before);
      // New rows get ids after the copied ones (identity sequences were moved on).
      const fourth = textUser(onPostgres, 'fourth');
      expect(await fourth.register('Vi Thị Lan', 1)).toContain('Đăng ký thành công');
      await fourth.say('/thi');
      for (let i = 0; i < 9; i++) await fourth.say('A');
      expect(await fourth.say('A')).toContain('Hoàn thành!');
    } finally {
      await onPostgres.close();
    }
  });

  it('should refuse a target that already has rows unless --force', async () => {
    const onSqlite = await createTestApp({ now: clock.now, dir: dir.path, env: { DATABASE_URL: sqliteFile } });
    await textUser(onSqlite, 'first').register('Hoàng Văn Minh', 2);
    await onSqlite.close();
    expect((await runTs('src/cli/db-copy.ts', [sqliteFile, postgresUrl])).code).toBe(0);

    const again = await runTs('src/cli/db-copy.ts', [sqliteFile, postgresUrl]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('the target already has rows in:');
    expect(again.stderr).toContain('participants');

    const forced = await runTs('src/cli/db-copy.ts', [sqliteFile, postgresUrl, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/✓ participants +rows 1→1/u);
    expect(forced.stdout).toMatch(/✓ unit_totals +rows 1→1/u);
    expect(forced.stdout).not.toContain('✗');
  });

  it('should copy a reference to a later row of the same table (who invited whom)', async () => {
    const onSqlite = await createTestApp({ now: clock.now, dir: dir.path, env: { DATABASE_URL: sqliteFile } });
    await textUser(onSqlite, 'first').register('Hoàng Văn Minh', 2);
    await textUser(onSqlite, 'second').register('Nông Thị Hoa', 5);
    await onSqlite.db.updateTable('participants').set({ invited_by: 2 }).where('id', '=', 1).execute();
    await onSqlite.close();

    expect((await runTs('src/cli/db-copy.ts', [sqliteFile, postgresUrl])).code).toBe(0);
    const onPostgres = await createTestApp({ now: clock.now, dir: dir.path, env: { DATABASE_URL: postgresUrl } });
    try {
      const rows = await onPostgres.db.selectFrom('participants').select(['id', 'invited_by']).orderBy('id').execute();
      expect(rows).toEqual([
        { id: 1, invited_by: 2 },
        { id: 2, invited_by: null },
      ]);
    } finally {
      await onPostgres.close();
    }
  });
});
