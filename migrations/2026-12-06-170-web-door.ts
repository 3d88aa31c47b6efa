import type { Kysely } from 'kysely';

// The web quiz's open door (issue 23): people who register on the web, with no chat account.
// - `phone_hash`: deleted rows only, like `identity_hash` — a keyed hash (HMAC-SHA256) of the normalised phone, so that
//   registering again on the web with that phone reuses the row (attempts already used stay used); erased with the
//   identity hashes after the contest.
// - `web_code_hash`: a web person's re-entry code (phone + an 8-character code), keyed hash only; erased on deletion.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('participants').addColumn('phone_hash', 'text').execute();
  await db.schema.alterTable('participants').addColumn('web_code_hash', 'text').execute();
  // Not unique: several deleted people may have shared one phone (a family); the first found is revived.
  await db.schema.createIndex('participants_phone_hash').on('participants').column('phone_hash').execute();
  await db.schema.createIndex('participants_web_code_hash').on('participants').column('web_code_hash').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('participants_web_code_hash').execute();
  await db.schema.dropIndex('participants_phone_hash').execute();
  await db.schema.alterTable('participants').dropColumn('web_code_hash').execute();
  await db.schema.alterTable('participants').dropColumn('phone_hash').execute();
}
