import type { Kysely } from 'kysely';

// Frozen once merged. Units may have a parent (a commune's district in a 2023 province; none since 1/7/2025, when
// the district level ended). A plain nullable text column: the same DDL on SQLite and PostgreSQL. The index serves
// the per-parent boards (communes of one parent) and the parent-level board (participants grouped by parent).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('units').addColumn('parent_code', 'text').execute();
  await db.schema.createIndex('units_parent').on('units').columns(['parent_code', 'kind', 'active']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('units_parent').execute();
  await db.schema.alterTable('units').dropColumn('parent_code').execute();
}
