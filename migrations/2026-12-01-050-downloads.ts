import type { Kysely } from 'kysely';
import { bytesType } from './dialect.ts';

// Files behind signed download links (/xuat on Zalo), kept in the database so that any bot process behind the proxy
// serves a link another one made. Short-lived: rows past expires_at are pruned when the next file is published.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('downloads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('content', bytesType(db), (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('downloads_expires_at').on('downloads').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('downloads').execute();
}
