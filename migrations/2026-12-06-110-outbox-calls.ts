import type { Kysely } from 'kysely';

// A reply's delivery progress counts platform calls, not messages: a message longer than the platform's limit (Zalo
// 2,000 characters, Telegram 4,096, a caption over 1,024 sent as text then the file) is several calls, and a retry
// must resume after the last one accepted. A reply in flight during the upgrade resumes after as many calls as it had
// messages sent: at worst a piece of it is sent again, once.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').renameColumn('parts_sent', 'calls_sent').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').renameColumn('calls_sent', 'parts_sent').execute();
}
