import { sql, type Selectable } from 'kysely';
import type { DB } from '../db.ts';
import type { Database } from '../schema.ts';

export type LinkCodeRow = Selectable<Database['link_codes']>;

export async function insertLinkCode(db: DB, row: { codeHash: string; participantId: number; at: number; expiresAt: number }): Promise<void> {
  await db.insertInto('link_codes').values({ code_hash: row.codeHash, participant_id: row.participantId, created_at: row.at, expires_at: row.expiresAt, used_at: null, used_by: null }).execute();
}

export async function findLinkCode(db: DB, hash: string): Promise<LinkCodeRow | undefined> {
  return db.selectFrom('link_codes').selectAll().where('code_hash', '=', hash).executeTakeFirst();
}

/** The single use of a code: only one caller moves it from unused (and unexpired) to used. True when this call won. */
export async function useLinkCode(db: DB, hash: string, usedBy: string, at: number): Promise<boolean> {
  const r = await db.updateTable('link_codes').set({ used_at: at, used_by: usedBy }).where('code_hash', '=', hash).where('used_at', 'is', null).where('expires_at', '>', at).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** A person's codes still open at `at` (unused, unexpired), newest first. */
export async function openLinkCodes(db: DB, participantId: number, at: number): Promise<LinkCodeRow[]> {
  return db.selectFrom('link_codes').selectAll().where('participant_id', '=', participantId).where('used_at', 'is', null).where('expires_at', '>', at).orderBy('created_at', 'desc').execute();
}

/** Ends a person's open codes (they got a chat account; or they deleted their data). */
export async function closeLinkCodesOf(db: DB, participantId: number, at: number): Promise<void> {
  await db.updateTable('link_codes').set({ expires_at: at }).where('participant_id', '=', participantId).where('used_at', 'is', null).where('expires_at', '>', at).execute();
}

export async function deleteLinkCodesOf(db: DB, participantId: number): Promise<void> {
  await db.deleteFrom('link_codes').where('participant_id', '=', participantId).execute();
}

/** Raises the account's counter of tries in the window starting at `windowStart` (an older window starts over); returns it. */
export async function countLinkTry(db: DB, channel: string, accountId: string, windowStart: number): Promise<number> {
  await db
    .insertInto('link_code_tries')
    .values({ channel, account_id: accountId, window_start: windowStart, count: 1 })
    .onConflict((oc) =>
      oc.columns(['channel', 'account_id']).doUpdateSet({
        count: sql<number>`case when link_code_tries.window_start = excluded.window_start then link_code_tries.count + 1 else 1 end`,
        window_start: sql<number>`excluded.window_start`,
      }),
    )
    .execute();
  const r = await db.selectFrom('link_code_tries').select('count').where('channel', '=', channel).where('account_id', '=', accountId).executeTakeFirstOrThrow();
  return Number(r.count);
}

/** Drops codes a day past their time (until then an old code is told "expired", not "wrong") and past windows' counters. */
export async function pruneLinkCodes(db: DB, at: number, windowStart: number): Promise<void> {
  await db.deleteFrom('link_codes').where('expires_at', '<=', at - 86_400_000).execute();
  await db.deleteFrom('link_code_tries').where('window_start', '<', windowStart).execute();
}

export async function recordMerge(db: DB, row: { kind: 'attach' | 'merge'; fromId: number; toId: number; actor: string; attemptsMoved: number; at: number }): Promise<void> {
  await db
    .insertInto('account_merges')
    .values({ kind: row.kind, from_participant_id: row.fromId, to_participant_id: row.toId, actor: row.actor, attempts_moved: row.attemptsMoved, at: row.at })
    .execute();
}

export async function listMerges(db: DB): Promise<Selectable<Database['account_merges']>[]> {
  return db.selectFrom('account_merges').selectAll().orderBy('id').execute();
}
