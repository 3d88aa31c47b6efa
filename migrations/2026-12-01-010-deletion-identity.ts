import type { Kysely } from 'kysely';

// Frozen once merged. A deleted person's row keeps a keyed hash (HMAC-SHA256) of channel + account id, so that the same
// account registering again reuses its row (attempts already used stay used, counted once); erased after the contest.
// Which consent text version each person agreed to.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('participants').addColumn('identity_hash', 'text').execute();
  await db.schema.alterTable('participants').addColumn('consent_version', 'text').execute();
  // NULLs never collide (both dialects): only deleted rows hold a hash.
  await db.schema.createIndex('participants_identity_hash').unique().on('participants').column('identity_hash').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('participants_identity_hash').execute();
  await db.schema.alterTable('participants').dropColumn('consent_version').execute();
  await db.schema.alterTable('participants').dropColumn('identity_hash').execute();
}
