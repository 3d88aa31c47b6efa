import type { Kysely } from 'kysely';

// Frozen once merged. Group chats the bot was written to in: it answers each once ("hãy nhắn riêng cho bot"), and
// this row keeps it at once across restarts.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('group_chats')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('noticed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_chats_pk', ['channel', 'chat_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('group_chats').execute();
}
