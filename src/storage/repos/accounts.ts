import { sql } from 'kysely';
import { inChunks } from '../chunks.ts';
import type { DB } from '../db.ts';

/** One account of a person: a chat account (telegram, zalo, …) or the web's. */
export interface AccountRow {
  channel: string;
  accountId: string;
  chatId: string;
  participantId: number;
  unreachable: boolean;
}

export async function insertAccount(db: DB, a: { channel: string; accountId: string; chatId: string; participantId: number; at: number }): Promise<void> {
  await db
    .insertInto('accounts')
    .values({ channel: a.channel, account_id: a.accountId, chat_id: a.chatId, participant_id: a.participantId, created_at: a.at })
    .onConflict((oc) => oc.columns(['channel', 'account_id']).doNothing())
    .execute();
}

export async function findAccount(db: DB, channel: string, accountId: string): Promise<AccountRow | undefined> {
  const r = await db.selectFrom('accounts').selectAll().where('channel', '=', channel).where('account_id', '=', accountId).executeTakeFirst();
  return r && toAccount(r);
}

export async function accountsOf(db: DB, participantId: number): Promise<AccountRow[]> {
  const rows = await db.selectFrom('accounts').selectAll().where('participant_id', '=', participantId).orderBy('created_at').orderBy('channel').execute();
  return rows.map(toAccount);
}

/** The accounts of several people, as "channel:account id", by person. */
export async function accountKeysOf(db: DB, participantIds: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (participantIds.length === 0) return out;
  const rows = await inChunks(participantIds, (ids) => db.selectFrom('accounts').select(['participant_id', 'channel', 'account_id']).where('participant_id', 'in', ids).execute());
  for (const r of rows) out.set(r.participant_id, [...(out.get(r.participant_id) ?? []), `${r.channel}:${r.account_id}`]);
  return out;
}

/** Moves an account to another person (attach, merge). */
export async function moveAccount(db: DB, channel: string, accountId: string, participantId: number): Promise<void> {
  await db.updateTable('accounts').set({ participant_id: participantId }).where('channel', '=', channel).where('account_id', '=', accountId).execute();
}

/** Moves every account of `fromId` to `toId`. */
export async function moveAccountsOf(db: DB, fromId: number, toId: number): Promise<void> {
  await db.updateTable('accounts').set({ participant_id: toId }).where('participant_id', '=', fromId).execute();
}

export async function deleteAccount(db: DB, channel: string, accountId: string): Promise<void> {
  await db.deleteFrom('accounts').where('channel', '=', channel).where('account_id', '=', accountId).execute();
}

export async function deleteAccountsOf(db: DB, participantId: number): Promise<void> {
  await db.deleteFrom('accounts').where('participant_id', '=', participantId).execute();
}

/** The person wrote from another chat of the same account. */
export async function moveAccountChat(db: DB, channel: string, accountId: string, chatId: string): Promise<void> {
  await db.updateTable('accounts').set({ chat_id: chatId }).where('channel', '=', channel).where('account_id', '=', accountId).execute();
}

/** The platform says a chat can no longer be reached (blocked the bot), or can again. */
export async function markChatReachable(db: DB, channel: string, chatId: string, reachable: boolean): Promise<void> {
  await db.updateTable('accounts').set({ unreachable: reachable ? 0 : 1 }).where('channel', '=', channel).where('chat_id', '=', chatId).execute();
}

/** A reminder to this person on `channel` came back unreachable. */
export async function markUnreachableOn(db: DB, participantId: number, channel: string): Promise<void> {
  await db.updateTable('accounts').set({ unreachable: 1 }).where('participant_id', '=', participantId).where('channel', '=', channel).execute();
}

/**
 * Accounts for participants created without one (bulk seeds of benchmarks and tests write participants directly):
 * the account each row was created with, as migration 175 backfilled them.
 */
export async function addMissingAccounts(db: DB): Promise<void> {
  await sql.raw(MISSING_ACCOUNTS_SQL).execute(db);
}

/** The statement of addMissingAccounts, for seeds that write straight through better-sqlite3. */
export const MISSING_ACCOUNTS_SQL = `insert into accounts (channel, account_id, chat_id, participant_id, unreachable, created_at)
    select p.channel, p.external_id, p.chat_id, p.id, p.unreachable, p.created_at from participants p
    where p.step <> 'deleted' and not exists (select 1 from accounts a where a.participant_id = p.id)
    on conflict (channel, account_id) do nothing`;

/** Registered people per account channel (a person with two accounts counts on each), and those who finished an attempt. */
export function channelCounts(db: DB) {
  return db
    .selectFrom('accounts as a')
    .innerJoin('participants as p', 'p.id', 'a.participant_id')
    .select((eb) => ['a.channel', eb.fn.countAll<number>().as('registered'), eb.fn.count<number>('p.overall_finished_at').as('participated')])
    .where('p.registered_at', 'is not', null);
}

export async function insertIdentityHash(db: DB, hash: string, participantId: number, at: number): Promise<void> {
  await db.insertInto('identity_hashes').values({ hash, participant_id: participantId, created_at: at }).onConflict((oc) => oc.column('hash').doNothing()).execute();
}

/** The person a hash was kept for. */
export async function findIdentityHash(db: DB, hash: string): Promise<number | undefined> {
  return (await db.selectFrom('identity_hashes').select('participant_id').where('hash', '=', hash).executeTakeFirst())?.participant_id;
}

/** Takes a hash back (the account returned); true for the one caller that removed it. */
export async function takeIdentityHash(db: DB, hash: string, participantId: number): Promise<boolean> {
  const r = await db.deleteFrom('identity_hashes').where('hash', '=', hash).where('participant_id', '=', participantId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The identity hashes of several people (results' exclusions of deleted people). */
export async function identityHashesOf(db: DB, participantIds: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (participantIds.length === 0) return out;
  const rows = await inChunks(participantIds, (ids) => db.selectFrom('identity_hashes').select(['participant_id', 'hash']).where('participant_id', 'in', ids).execute());
  for (const r of rows) out.set(r.participant_id, [...(out.get(r.participant_id) ?? []), r.hash]);
  return out;
}

export async function eraseAllIdentityHashes(db: DB): Promise<number> {
  const r = await db.deleteFrom('identity_hashes').executeTakeFirst();
  return Number(r.numDeletedRows);
}

function toAccount(r: { channel: string; account_id: string; chat_id: string; participant_id: number; unreachable: number }): AccountRow {
  return { channel: r.channel, accountId: r.account_id, chatId: r.chat_id, participantId: r.participant_id, unreachable: r.unreachable === 1 };
}
