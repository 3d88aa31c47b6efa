import { sql } from 'kysely';
import type { DB } from '../db.ts';
import { executePrepared } from '../prepared.ts';
import type { WebSessionKind } from '../schema.ts';

export type { WebSessionKind };

export interface SignInTokenRow {
  kind: WebSessionKind;
  channel: string;
  accountId: string;
  expiresAt: number;
  usedAt: number | null;
  /** The official who issued a participant's fallback link ("telegram:123"), else null. */
  issuedBy: string | null;
}

export async function insertSignInToken(
  db: DB,
  row: { tokenHash: string; kind: WebSessionKind; channel: string; accountId: string; at: number; expiresAt: number; issuedBy?: string },
): Promise<void> {
  await db
    .insertInto('web_sign_in_tokens')
    .values({ token_hash: row.tokenHash, kind: row.kind, channel: row.channel, account_id: row.accountId, created_at: row.at, expires_at: row.expiresAt, used_at: null, issued_by: row.issuedBy ?? null })
    .execute();
}

export async function findSignInToken(db: DB, tokenHash: string): Promise<SignInTokenRow | undefined> {
  const r = await db.selectFrom('web_sign_in_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return r && { kind: r.kind, channel: r.channel, accountId: r.account_id, expiresAt: Number(r.expires_at), usedAt: r.used_at === null ? null : Number(r.used_at), issuedBy: r.issued_by };
}

/** Spends the token: true for the one caller that found it unused and unexpired (a race is decided by the update). */
export async function spendSignInToken(db: DB, tokenHash: string, at: number): Promise<boolean> {
  const r = await db
    .updateTable('web_sign_in_tokens')
    .set({ used_at: at })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertSession(db: DB, row: { idHash: string; kind: WebSessionKind; channel: string; accountId: string; at: number; expiresAt: number; openedBy?: string | null }): Promise<void> {
  await db
    .insertInto('web_sessions')
    .values({ id_hash: row.idHash, kind: row.kind, channel: row.channel, account_id: row.accountId, created_at: row.at, expires_at: row.expiresAt, opened_by: row.openedBy ?? null })
    .execute();
}

/**
 * The session's account while it has not expired, when the session is of that `kind`; `openedBy` is the official whose
 * fallback link opened it, else null.
 */
export async function findSession(db: DB, idHash: string, at: number, kind: WebSessionKind): Promise<{ channel: string; accountId: string; expiresAt: number; openedBy: string | null } | undefined> {
  // Every web quiz request looks its session up: compiled once.
  const build = () => db.selectFrom('web_sessions').select(['channel', 'account_id', 'expires_at', 'opened_by']).where('id_hash', '=', '').where('kind', '=', kind).where('expires_at', '>', 0);
  type Row = { channel: string; account_id: string; expires_at: number; opened_by: string | null };
  const r = (await executePrepared<Row>(db, 'findSession', build, [idHash, kind, at])).rows[0];
  return r && { channel: r.channel, accountId: r.account_id, expiresAt: Number(r.expires_at), openedBy: r.opened_by };
}

export async function deleteSession(db: DB, idHash: string): Promise<void> {
  await db.deleteFrom('web_sessions').where('id_hash', '=', idHash).execute();
}

/** Ends every session of an account (a person who deleted their data). */
export async function deleteSessionsOf(db: DB, channel: string, accountId: string): Promise<void> {
  await db.deleteFrom('web_sessions').where('channel', '=', channel).where('account_id', '=', accountId).execute();
}

/** Raises the address's counter of the window starting at `windowStart` and returns it. */
export async function countSignInAttempt(db: DB, ip: string, windowStart: number): Promise<number> {
  await db
    .insertInto('web_sign_in_attempts')
    .values({ ip, window_start: windowStart, count: 1 })
    .onConflict((oc) => oc.columns(['ip', 'window_start']).doUpdateSet({ count: sql<number>`web_sign_in_attempts.count + 1` }))
    .execute();
  const r = await db.selectFrom('web_sign_in_attempts').select('count').where('ip', '=', ip).where('window_start', '=', windowStart).executeTakeFirstOrThrow();
  return Number(r.count);
}

/**
 * Drops sessions past their time, tokens a day after theirs (until then an old link is told "expired", not "unknown")
 * and counters of past windows.
 */
export async function pruneWebSessions(db: DB, at: number, windowStart: number): Promise<void> {
  await db.deleteFrom('web_sessions').where('expires_at', '<=', at).execute();
  await db.deleteFrom('web_sign_in_tokens').where('expires_at', '<=', at - 86_400_000).execute();
  await db.deleteFrom('web_sign_in_attempts').where('window_start', '<', windowStart).execute();
}
