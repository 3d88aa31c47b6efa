import { sql, type Kysely } from 'kysely';

// Each finished attempt's figures for the integrity flags (issue 25), kept as the attempt finishes (finishAttempt in
// src/storage/repos/attempts.ts), so that the flags read one row per attempt instead of every answer (3,000,000 at
// 300,000 people):
// - its pace over its fresh questions (shown, not in one of the person's earlier attempts): how many, the upper median
//   and the sum of their paces ("faster than a person can read");
// - its answer sheet: how many answers were wrong, and a digest of the sheet (question versions and chosen options)
//   that equal sheets share ("the same answers at the same pace" looks for pairs among equal digests).
// NULL on an attempt finished before this migration: the flags' computation measures those first (the partial index
// finds them).
export async function up(db: Kysely<any>): Promise<void> {
  for (const [column, type] of [
    ['fresh_questions', 'integer'],
    ['fresh_median_ms', 'bigint'],
    ['fresh_total_ms', 'bigint'],
    ['wrong_answers', 'integer'],
    ['sheet_key', 'text'],
  ] as const) {
    await db.schema.alterTable('attempts').addColumn(column, type).execute();
  }
  await db.schema
    .createIndex('attempts_unmeasured')
    .on('attempts')
    // Not on id: SQLite would rather scan the table in rowid order than use an index of its rowid alias.
    .column('participant_id')
    .where(sql.ref('finished_at'), 'is not', null)
    .where(sql.ref('fresh_questions'), 'is', null)
    .execute();
  await db.schema.createIndex('attempts_sheet').on('attempts').columns(['round_id', 'sheet_key']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('attempts_sheet').execute();
  await db.schema.dropIndex('attempts_unmeasured').execute();
  for (const c of ['sheet_key', 'wrong_answers', 'fresh_total_ms', 'fresh_median_ms', 'fresh_questions']) await db.schema.alterTable('attempts').dropColumn(c).execute();
}
