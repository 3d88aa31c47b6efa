import { sql, type Selectable } from 'kysely';
import type { DB } from '../db.ts';
import type { Database } from '../schema.ts';

export type InboxRow = Selectable<Database['inbox']>;
export type OutboxRow = Selectable<Database['outbox']>;

/** Stores an update as received; false when this (channel, update id) is already stored (a redelivery). */
export async function storeUpdate(
  db: DB,
  row: { channel: string; updateId: string; chatKey: string | null; payload: string; at: number; rejected?: string },
): Promise<boolean> {
  const result = await db
    .insertInto('inbox')
    .values({
      channel: row.channel,
      update_id: row.updateId,
      chat_key: row.chatKey,
      received_at: row.at,
      payload: row.rejected ? null : row.payload,
      status: row.rejected ? 'rejected' : 'received',
      outcome: row.rejected ? `rejected: ${row.rejected}` : null,
      processed_at: row.rejected ? row.at : null,
    })
    .onConflict((oc) => oc.columns(['channel', 'update_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Takes the person's oldest unprocessed update, unless one of their replies is still waiting to be delivered (they
 * would answer a question they have not seen). A write first: on SQLite it takes the write lock for the whole
 * transaction; on PostgreSQL a second process blocks on the row, then finds it taken and moves on.
 */
export async function claimNextUpdate(db: DB, channel: string, chatKey: string): Promise<Pick<InboxRow, 'id' | 'payload' | 'received_at'> | undefined> {
  return db
    .updateTable('inbox')
    .set({ status: 'processing' })
    .where('id', '=', (eb) =>
      eb
        .selectFrom('inbox as i')
        .select((e) => e.fn.min('i.id').as('first'))
        .where('i.channel', '=', channel)
        .where('i.chat_key', '=', chatKey)
        .where('i.status', '=', 'received'),
    )
    .where('status', '=', 'received')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('outbox as o').select('o.id').where('o.channel', '=', channel).where('o.chat_key', '=', chatKey).where('o.status', '=', 'pending'))),
    )
    .returning(['id', 'payload', 'received_at'])
    .executeTakeFirst();
}

/** Ends processing: the payload is erased, the outcome kept. */
export async function finishUpdate(db: DB, id: number, outcome: string, at: number): Promise<void> {
  await db.updateTable('inbox').set({ status: 'processed', outcome, payload: null, processed_at: at }).where('id', '=', id).execute();
}

/** People with updates waiting (a restart, or another process's backlog). */
export async function chatsWithPendingUpdates(db: DB, channel: string, limit = 1000): Promise<string[]> {
  const rows = await db
    .selectFrom('inbox')
    .select('chat_key')
    .distinct()
    .where('channel', '=', channel)
    .where('status', '=', 'received')
    .where('chat_key', 'is not', null)
    .limit(limit)
    .execute();
  return rows.map((r) => r.chat_key!);
}

export async function recordReply(
  db: DB,
  row: { inboxId: number | null; channel: string; chatKey: string; chatId: string; body: string; at: number },
): Promise<number> {
  const { id } = await db
    .insertInto('outbox')
    .values({ inbox_id: row.inboxId, channel: row.channel, chat_key: row.chatKey, chat_id: row.chatId, body: row.body, status: 'pending', next_try_at: row.at, created_at: row.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The person's oldest reply waiting to go out, when it is due. */
export async function nextReplyOf(db: DB, channel: string, chatKey: string): Promise<OutboxRow | undefined> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('channel', '=', channel)
    .where('chat_key', '=', chatKey)
    .where('status', '=', 'pending')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** People with replies due by `now`. */
export async function chatsWithDueReplies(db: DB, channel: string, now: number, limit = 1000): Promise<string[]> {
  const rows = await db
    .selectFrom('outbox')
    .select('chat_key')
    .distinct()
    .where('channel', '=', channel)
    .where('status', '=', 'pending')
    .where('next_try_at', '<=', now)
    .limit(limit)
    .execute();
  return rows.map((r) => r.chat_key);
}

/**
 * Takes a due reply for sending: its next try moves `leaseMs` ahead, so another process (or a sweep) leaves it alone
 * while it is sent; false when someone else took it first. A sender that dies lets the lease run out: sent again.
 */
export async function claimReply(db: DB, id: number, now: number, leaseMs: number): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ next_try_at: now + leaseMs })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('next_try_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Progress of a reply being sent; the sender's lease is renewed with it. */
export async function markPartsSent(db: DB, id: number, partsSent: number, leaseUntil: number): Promise<void> {
  await db.updateTable('outbox').set({ parts_sent: partsSent, next_try_at: leaseUntil }).where('id', '=', id).execute();
}

/** Delivered (or given up): the text is erased, times and status kept. */
export async function settleReply(db: DB, id: number, status: 'delivered' | 'failed' | 'expired', at: number, error: string | null = null): Promise<void> {
  await db.updateTable('outbox').set({ status, body: null, delivered_at: at, error }).where('id', '=', id).where('status', '=', 'pending').execute();
}

export async function postponeReply(db: DB, id: number, until: number, error: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({ next_try_at: until, error, tries: eb('tries', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Forgets a person's traffic (a data deletion): their inbox and outbox rows except the ones in hand. */
export async function eraseTrafficOf(db: DB, channel: string, chatKey: string): Promise<void> {
  await db.deleteFrom('inbox').where('channel', '=', channel).where('chat_key', '=', chatKey).where('status', 'in', ['processed', 'rejected']).execute();
  await db.deleteFrom('outbox').where('channel', '=', channel).where('chat_key', '=', chatKey).where('status', '!=', 'pending').execute();
}

/** Drops settled rows older than `before`. */
export async function pruneTraffic(db: DB, before: number): Promise<void> {
  await db.deleteFrom('inbox').where('received_at', '<', before).where('status', 'in', ['processed', 'rejected']).execute();
  await db.deleteFrom('outbox').where('created_at', '<', before).where('status', '!=', 'pending').execute();
}

/** Counts by status, for /healthz and tests. */
export async function trafficCounts(db: DB): Promise<{ inbox: Record<string, number>; outbox: Record<string, number> }> {
  const i = await db.selectFrom('inbox').select(['status', sql<number>`count(*)`.as('n')]).groupBy('status').execute();
  const o = await db.selectFrom('outbox').select(['status', sql<number>`count(*)`.as('n')]).groupBy('status').execute();
  return { inbox: Object.fromEntries(i.map((r) => [r.status, Number(r.n)])), outbox: Object.fromEntries(o.map((r) => [r.status, Number(r.n)])) };
}
