import { sql, type Kysely } from 'kysely';

// The inbox's look-ups by status use indexes that hold only what still waits (updates received, replies pending): the
// claims, the per-person checks and the sweeps read a few entries instead of every row kept for the retention period,
// and queries name the status as a literal so that both dialects use them. A deletion finds a person's rows by an
// index without the status, which processing never rewrites. Also drops processed_events (replaced by the inbox).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('inbox_pending').execute();
  await db.schema.createIndex('inbox_chat').on('inbox').columns(['channel', 'chat_key']).execute();
  await db.schema.createIndex('inbox_waiting').on('inbox').columns(['channel', 'chat_key', 'id']).where(sql.ref('status'), '=', sql.lit('received')).execute();
  await db.schema.dropIndex('outbox_pending').execute();
  await db.schema.dropIndex('outbox_chat').execute();
  await db.schema.createIndex('outbox_waiting').on('outbox').columns(['channel', 'chat_key', 'id', 'next_try_at']).where(sql.ref('status'), '=', sql.lit('pending')).execute();
  await db.schema.createIndex('outbox_chat_key').on('outbox').columns(['channel', 'chat_key']).execute();
  await db.schema.dropTable('processed_events').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('processed_events')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('processed_events_pk', ['channel', 'event_id'])
    .execute();
  await db.schema.dropIndex('outbox_chat_key').execute();
  await db.schema.dropIndex('outbox_waiting').execute();
  await db.schema.createIndex('outbox_chat').on('outbox').columns(['channel', 'chat_key', 'status', 'id']).execute();
  await db.schema.createIndex('outbox_pending').on('outbox').columns(['channel', 'status', 'next_try_at']).execute();
  await db.schema.dropIndex('inbox_waiting').execute();
  await db.schema.dropIndex('inbox_chat').execute();
  await db.schema.createIndex('inbox_pending').on('inbox').columns(['channel', 'chat_key', 'status', 'id']).execute();
}
