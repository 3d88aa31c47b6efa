import { sql, type Kysely } from 'kysely';

// A registered name as the integrity rule "one name several times in one unit" compares it (issue 25): folded by
// core/integrity.ts's foldName (no diacritics, đ as d, lower case, single spaces), written with the name by the
// participants repository. Grouping by it uses the indexes below (300,000 people grouped in a tenth of a second), and
// both databases then compare names the same way (SQLite's lower() folds ASCII letters only). NULL with a name on a
// row written before this migration: the flags' computation keys those first (the partial index finds them).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('participants').addColumn('name_key', 'text').execute();
  const counted = (b: ReturnType<Kysely<any>['schema']['createIndex']>) => b.where(sql.ref('registered_at'), 'is not', null).where(sql.ref('deleted_at'), 'is', null);
  await counted(db.schema.createIndex('participants_commune_name').on('participants').columns(['commune_code', 'name_key'])).execute();
  await counted(db.schema.createIndex('participants_agency_name').on('participants').columns(['agency_code', 'name_key'])).execute();
  await db.schema
    .createIndex('participants_unkeyed_name')
    .on('participants')
    // Not on id: SQLite would rather scan the table in rowid order than use an index of its rowid alias.
    .column('created_at')
    .where(sql.ref('full_name'), 'is not', null)
    .where(sql.ref('name_key'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['participants_unkeyed_name', 'participants_agency_name', 'participants_commune_name']) await db.schema.dropIndex(name).execute();
  await db.schema.alterTable('participants').dropColumn('name_key').execute();
}
