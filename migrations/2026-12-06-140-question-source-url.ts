import type { Kysely } from 'kysely';

// Frozen once merged. A question version may name the public page that states its fact (`source_url` in the bank);
// the missed-questions list at the end of an attempt shows the URL of the version the person saw. A plain nullable
// text column: the same DDL on SQLite and PostgreSQL; versions stored before it have none.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('question_versions').addColumn('source_url', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('question_versions').dropColumn('source_url').execute();
}
