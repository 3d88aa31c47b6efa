import type { Kysely } from 'kysely';

// Results anyone can recheck (issue 26): each final round's anonymised results file, made once and kept byte for byte
// (its SHA-256 is published), and the key of the pseudonyms in those files when RESULTS_PSEUDONYM_KEY is not set —
// generated once per campaign and kept, so that every process and every restart agree.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('results_files')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('results_files_pk', ['campaign_id', 'round_id'])
    .execute();
  await db.schema
    .createTable('results_keys')
    .addColumn('campaign_id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('results_keys').execute();
  await db.schema.dropTable('results_files').execute();
}
