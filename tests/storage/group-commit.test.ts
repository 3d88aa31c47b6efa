import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../src/storage/db.ts';
import { createGroupCommit, createGroupTransaction } from '../../src/storage/group-commit.ts';
import { tempDir } from '../helpers/app.ts';
import { testDatabaseUrl } from '../helpers/db.ts';

/** A second connection to the same database: it sees only what is committed. */
async function committedKeys(url: string): Promise<string[]> {
  const other = openDatabase(url);
  try {
    const { rows } = await sql<{ k: string }>`select k from grouped_test order by k`.execute(other);
    return rows.map((r) => r.k);
  } finally {
    await other.destroy();
  }
}

const insert = (tx: DB, k: string) => sql`insert into grouped_test (k) values (${k})`.execute(tx);

describe('transactions of several callers in one turn (createGroupTransaction)', () => {
  let dir: ReturnType<typeof tempDir>;
  let url: string;
  let db: DB;
  beforeEach(async () => {
    dir = tempDir();
    url = testDatabaseUrl(dir.path);
    db = openDatabase(url);
    await sql`create table grouped_test (k text primary key)`.execute(db);
  });
  afterEach(async () => {
    await db.destroy();
    dir.remove();
  });

  it('should settle each caller only once its writes are committed, and roll back a failing caller alone', async () => {
    const group = createGroupTransaction(db);
    const seen: string[][] = [];
    const work = (keys: string[], fail = false) =>
      group.run(async (tx) => {
        for (const k of keys) await insert(tx, k);
        if (fail) throw new Error(`caller ${keys.join('+')} failed`);
        return keys.length;
      });
    const results = await Promise.allSettled([
      work(['a1', 'a2']).then(async (n) => (seen.push(await committedKeys(url)), n)),
      work(['b1', 'b2'], true),
      // Breaks the primary key after its first insert: its own first write goes too.
      work(['c1', 'a1']),
      work(['d1']),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((results[0] as PromiseFulfilledResult<number>).value).toBe(2);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/caller b1\+b2 failed/u);
    // When the first caller was told, its writes were already visible to another connection; no failed caller's ever were.
    expect(seen[0]).toEqual(expect.arrayContaining(['a1', 'a2']));
    expect(seen[0]).not.toEqual(expect.arrayContaining(['b1']));
    expect(seen[0]).not.toEqual(expect.arrayContaining(['c1']));
    expect(await committedKeys(url)).toEqual(['a1', 'a2', 'd1']);
  });

  it('should run the work of a caller already inside a transaction in that transaction', async () => {
    const group = createGroupTransaction(db);
    await expect(
      db.transaction().execute(async (tx) => {
        await createGroupTransaction(tx).run((inner) => insert(inner, 'x'));
        throw new Error('outer rolled back');
      }),
    ).rejects.toThrow(/outer rolled back/u);
    await group.run((tx) => insert(tx, 'y'));
    expect(await committedKeys(url)).toEqual(['y']);
  });
});

describe('small writes of one turn committed together (createGroupCommit)', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: DB;
  beforeEach(async () => {
    dir = tempDir();
    db = openDatabase(testDatabaseUrl(dir.path));
    await sql`create table grouped_test (k text primary key)`.execute(db);
  });
  afterEach(async () => {
    await db.destroy();
    dir.remove();
  });

  it('should retry the writes of a failed batch one by one, but not when the database did not answer', async () => {
    const group = createGroupCommit(db);
    // One bad write: the shared transaction fails, each write is tried alone, only the bad one fails.
    const mixed = await Promise.allSettled([group.run((tx) => insert(tx, 'a')), group.run((tx) => insert(tx, 'a')), group.run((tx) => insert(tx, 'b'))]);
    expect(mixed.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // A database that does not answer (pg's query timeout, given ETIMEDOUT by storage/db.ts): alone, each write would
    // only wait out the timeout again, so all fail at once with it.
    let tries = 0;
    const hung = () =>
      group.run(async () => {
        tries += 1;
        throw Object.assign(new Error('Query read timeout'), { code: 'ETIMEDOUT' });
      });
    const results = await Promise.allSettled([hung(), hung(), hung()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(tries).toBe(1);
  });
});
