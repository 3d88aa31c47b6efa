import type { Kysely } from 'kysely';

// In polling mode one process per bot token asks the platform for updates: the holder of that token's lease row.
// The holder renews expires_at by a heartbeat; another process takes the row over only once it has expired. The key
// is the channel and a hash of the token (never the token itself).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('polling_leases')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull()) // random per process (host, pid, random suffix)
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('acquired_at', 'bigint', (c) => c.notNull()) // when this holder took it (kept through renewals)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('polling_leases').execute();
}
