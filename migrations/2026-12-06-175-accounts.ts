import { sql, type Kysely } from 'kysely';
import { identityId } from './dialect.ts';

// One person, several accounts (issue 23). `accounts` maps a (channel, account id) to a person: every lookup of a person
// by account, reminders (the chat account's chat, its unreachable mark), officials' names, results' exclusions and the
// per-channel counts go through it; the participants row keeps the account it was created with (channel, external_id,
// chat_id) only as history. Backfilled from every participant not deleted (a row revived mid-registration included).
// A deleted person keeps one identity hash per account they had (`identity_hashes`), instead of the participants column.
// `link_codes`: the one-time codes a web-only person sends to the bot as /noi, stored hashed; `link_code_tries` limits
// /noi per account; `account_merges` audits every attach and merge. A row removed outright (an operator's fix) takes its
// accounts, hashes and codes with it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id').onDelete('cascade'))
    .addColumn('unreachable', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('accounts_pk', ['channel', 'account_id'])
    .execute();
  await db.schema.createIndex('accounts_participant').on('accounts').columns(['participant_id', 'channel']).execute();
  await db.schema.createIndex('accounts_chat').on('accounts').columns(['channel', 'chat_id']).execute();
  await sql`insert into accounts (channel, account_id, chat_id, participant_id, unreachable, created_at)
    select channel, external_id, chat_id, id, unreachable, created_at from participants where step <> 'deleted'`.execute(db);

  await db.schema
    .createTable('identity_hashes')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('identity_hashes_participant').on('identity_hashes').column('participant_id').execute();
  await sql`insert into identity_hashes (hash, participant_id, created_at)
    select identity_hash, id, coalesce(deleted_at, created_at) from participants where identity_hash is not null`.execute(db);

  await db.schema
    .createTable('link_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey()) // sha-256 of the normalised code; the code itself is never stored
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('used_by', 'text') // "telegram:12345"
    .execute();
  await db.schema.createIndex('link_codes_participant').on('link_codes').columns(['participant_id', 'expires_at']).execute();

  await db.schema
    .createTable('link_code_tries')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('link_code_tries_pk', ['channel', 'account_id'])
    .execute();

  await db.schema
    .createTable('account_merges')
    .addColumn('id', 'integer', identityId(db))
    .addColumn('kind', 'text', (c) => c.notNull()) // attach | merge
    .addColumn('from_participant_id', 'integer', (c) => c.notNull()) // attach: the chat's unfinished row, if any (else the web person)
    .addColumn('to_participant_id', 'integer', (c) => c.notNull()) // the person who remains
    .addColumn('actor', 'text', (c) => c.notNull()) // the chat account that sent /noi: "telegram:12345"
    .addColumn('attempts_moved', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['account_merges', 'link_code_tries', 'link_codes', 'identity_hashes', 'accounts']) await db.schema.dropTable(t).execute();
}
