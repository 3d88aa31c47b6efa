import type { Kysely } from 'kysely';
import { identityId } from './dialect.ts';

// Frozen once merged. The durable inbox: every update is stored before it is acknowledged, then processed in order
// per person; each reply is recorded in the same transaction as what it reports, and marked delivered once sent.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inbox')
    .addColumn('id', 'integer', identityId(db))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('update_id', 'text', (c) => c.notNull())
    .addColumn('chat_key', 'text') // the sender: updates of one person are processed one at a time, in id order
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('payload', 'text') // the update as received; erased once processed
    .addColumn('status', 'text', (c) => c.notNull()) // received | processing (inside its transaction) | processed | rejected
    .addColumn('outcome', 'text') // what processing did: replied | ignored | rejected: <why>
    .addColumn('processed_at', 'bigint')
    .addUniqueConstraint('inbox_update', ['channel', 'update_id'])
    .execute();
  await db.schema.createIndex('inbox_pending').on('inbox').columns(['channel', 'chat_key', 'status', 'id']).execute();
  await db.schema.createIndex('inbox_received_at').on('inbox').column('received_at').execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', identityId(db))
    .addColumn('inbox_id', 'integer') // the update this replies to
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('chat_key', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text') // the reply to send (JSON); erased once delivered
    .addColumn('parts_sent', 'integer', (c) => c.notNull().defaultTo(0)) // messages of the reply already delivered
    .addColumn('status', 'text', (c) => c.notNull()) // pending | delivered | failed | expired
    .addColumn('tries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_try_at', 'bigint', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('delivered_at', 'bigint')
    .execute();
  await db.schema.createIndex('outbox_pending').on('outbox').columns(['channel', 'status', 'next_try_at']).execute();
  await db.schema.createIndex('outbox_chat').on('outbox').columns(['channel', 'chat_key', 'status', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbox').execute();
  await db.schema.dropTable('inbox').execute();
}
