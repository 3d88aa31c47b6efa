import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.ts';

// Frozen once merged. An update id is unique only for one bot on one Bot API server: the inbox's duplicate key becomes
// (channel, bot, update_id), `bot` being the channel's key of the bot (src/channels/inbox.ts inboxBotKey). Rows stored
// before keep '' (no bot). SQLite cannot drop a table constraint: the table is rebuilt with the same rows, ids and
// id sequence, and its indexes made again; PostgreSQL swaps the constraint.
const COLUMNS = ['id', 'channel', 'update_id', 'chat_key', 'received_at', 'payload', 'status', 'outcome', 'processed_at'];

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table inbox add column bot text not null default ''`.execute(db);
    await sql`alter table inbox drop constraint inbox_update`.execute(db);
    await sql`alter table inbox add constraint inbox_update unique (channel, bot, update_id)`.execute(db);
    return;
  }
  await rebuildSqlite(db, true);
}

export async function down(db: Kysely<any>): Promise<void> {
  // Two bots' rows with the same id cannot both stay under the old key: the later one goes.
  await sql`delete from inbox where exists (select 1 from inbox i where i.channel = inbox.channel and i.update_id = inbox.update_id and i.id < inbox.id)`.execute(db);
  if (isPostgres(db)) {
    await sql`alter table inbox drop constraint inbox_update`.execute(db);
    await sql`alter table inbox drop column bot`.execute(db);
    await sql`alter table inbox add constraint inbox_update unique (channel, update_id)`.execute(db);
    return;
  }
  await rebuildSqlite(db, false);
}

/** The inbox again, with or without the bot column; runs inside the migration's transaction. */
async function rebuildSqlite(db: Kysely<any>, withBot: boolean): Promise<void> {
  await db.schema
    .createTable('inbox_next')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('update_id', 'text', (c) => c.notNull())
    .addColumn('chat_key', 'text')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('payload', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('processed_at', 'bigint')
    .$call((t) =>
      withBot
        ? t.addColumn('bot', 'text', (c) => c.notNull().defaultTo('')).addUniqueConstraint('inbox_update', ['channel', 'bot', 'update_id'])
        : t.addUniqueConstraint('inbox_update', ['channel', 'update_id']),
    )
    .execute();
  const columns = sql.join(COLUMNS.map((c) => sql.ref(c)));
  await sql`insert into inbox_next (${columns}) select ${columns} from inbox order by id`.execute(db);
  // Ids never come back, even those of pruned rows (autoincrement's promise).
  await sql`delete from sqlite_sequence where name = 'inbox_next'`.execute(db);
  await sql`insert into sqlite_sequence (name, seq) select 'inbox_next', seq from sqlite_sequence where name = 'inbox'`.execute(db);
  await db.schema.dropTable('inbox').execute();
  await sql`alter table inbox_next rename to inbox`.execute(db);
  await db.schema.createIndex('inbox_received_at').on('inbox').column('received_at').execute();
  await db.schema.createIndex('inbox_status_received').on('inbox').columns(['status', 'received_at']).execute();
  await db.schema.createIndex('inbox_chat').on('inbox').columns(['channel', 'chat_key']).execute();
  await db.schema.createIndex('inbox_waiting').on('inbox').columns(['channel', 'chat_key', 'id']).where(sql.ref('status'), '=', sql.lit('received')).execute();
}
