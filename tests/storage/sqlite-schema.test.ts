import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import { migrations } from '../../migrations/index.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/db.ts';
import { tempDir } from '../helpers/app.ts';

// SQLite only by nature (it reads sqlite_master): the fixture is the schema main's migrations produced before they
// learned PostgreSQL; edits for the other dialect must leave it byte-identical.
const LAST_BEFORE_POSTGRES = '2026-11-26-001-reminders';

describe('SQLite schema', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('should stay byte-identical to the schema of the migrations before PostgreSQL', async () => {
    const db = openDatabase(join(dir.path, 'schema.sqlite'));
    try {
      // The migrations that existed then; later ones add their own tables and are not part of the fixture.
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      expect((await migrator.migrateTo(LAST_BEFORE_POSTGRES)).error).toBeUndefined();
      const { rows } = await sql`select type, name, tbl_name, sql from sqlite_master order by name`.execute(db);
      const expected = readFileSync(new URL('fixtures/sqlite-schema.json', import.meta.url), 'utf8');
      expect(JSON.stringify(rows, null, 2) + '\n').toBe(expected);
    } finally {
      await db.destroy();
    }
  });
});
