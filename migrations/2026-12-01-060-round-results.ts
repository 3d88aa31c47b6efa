import type { Kysely } from 'kysely';

// Round results. One row per round whose results were announced: created with the announcement's reminder run in one
// transaction, so two workers finding the round final at once announce it once (the primary key decides).
// A round's ranks are written once when its announcement fans out (round_ranks): each message then reads its
// recipient's rank by key instead of counting everyone ahead, and every recipient is told the same ranking.
// The index serves "is anything received before the close still unprocessed?" without scanning processed traffic.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('round_announcements')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull()) // the reminder run that carries it ("kq-tuan-1")
    .addColumn('final_at', 'bigint', (c) => c.notNull()) // when the results were found final
    .addPrimaryKeyConstraint('round_announcements_pk', ['campaign_id', 'round_id'])
    .execute();
  await db.schema
    .createTable('round_ranks')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('participant_id', 'integer', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('round_ranks_pk', ['campaign_id', 'round_id', 'participant_id'])
    .execute();
  await db.schema.createIndex('inbox_status_received').on('inbox').columns(['status', 'received_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('inbox_status_received').execute();
  await db.schema.dropTable('round_ranks').execute();
  await db.schema.dropTable('round_announcements').execute();
}
