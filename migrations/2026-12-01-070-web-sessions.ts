import type { Kysely } from 'kysely';

// The officials' dashboard (/quan-tri): one-time sign-in links sent by /web, the sessions they open and the per-IP
// sign-in attempt counters. Shared by every app process behind the proxy; only hashes of tokens and session ids.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('web_sign_in_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey()) // sha-256 of the token in the link; the token itself is never stored
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint') // spent by the sign-in POST; a second POST finds it used
    .execute();
  await db.schema.createIndex('web_sign_in_tokens_expires_at').on('web_sign_in_tokens').column('expires_at').execute();

  await db.schema
    .createTable('web_sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey()) // sha-256 of the cookie's value
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('web_sessions_expires_at').on('web_sessions').column('expires_at').execute();

  // Fixed windows: one row per (address, window start); the count is raised by an upsert, so processes share it.
  await db.schema
    .createTable('web_sign_in_attempts')
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('web_sign_in_attempts_pk', ['ip', 'window_start'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('web_sign_in_attempts').execute();
  await db.schema.dropTable('web_sessions').execute();
  await db.schema.dropTable('web_sign_in_tokens').execute();
}
