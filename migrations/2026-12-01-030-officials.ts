import type { Kysely } from 'kysely';
import { identityId } from './dialect.ts';

// Frozen once merged. Unit officials: one row per account (the current grant, or its revocation), the one-time codes
// district officials hand out, every grant and revocation ever made, and the per-unit announcement quota.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('officials')
    .addColumn('id', 'integer', identityId(db))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('source', 'text', (c) => c.notNull()) // file | code
    .addColumn('file_hash', 'text') // hash of the officials.csv row last applied; a chat revocation holds while it is unchanged
    .addColumn('granted_by', 'text', (c) => c.notNull()) // "file" or "telegram:12345"
    .addColumn('granted_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addColumn('revoked_by', 'text') // "file" (row removed from the file) or "telegram:12345"
    .addUniqueConstraint('officials_account', ['channel', 'account_id'])
    .execute();

  await db.schema
    .createTable('official_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey()) // sha-256 of the normalised code; the code itself is never stored
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull()) // "telegram:12345"
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('used_by', 'text') // "zalo:abc…"
    .addColumn('official_id', 'integer')
    .addColumn('grantor_told_at', 'bigint') // the grantor was told it was used
    .execute();
  await db.schema.createIndex('official_codes_grantor').on('official_codes').columns(['created_by', 'grantor_told_at']).execute();

  await db.schema
    .createTable('official_audit')
    .addColumn('id', 'integer', identityId(db))
    .addColumn('action', 'text', (c) => c.notNull()) // grant | revoke
    .addColumn('official_id', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull()) // file | code | chat
    .addColumn('actor', 'text', (c) => c.notNull()) // "file" or "telegram:12345"
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('official_audit_official').on('official_audit').columns(['official_id', 'at']).execute();

  // One row per confirmed unit announcement: (unit, local day, n) unique, so concurrent confirmations cannot exceed the quota.
  await db.schema
    .createTable('unit_announcements')
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull()) // local date "2026-12-01"
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_announcements_pk', ['unit_code', 'day', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('unit_announcements').execute();
  await db.schema.dropTable('official_audit').execute();
  await db.schema.dropTable('official_codes').execute();
  await db.schema.dropTable('officials').execute();
}
