import { sql, type Selectable } from 'kysely';
import type { DB } from '../db.ts';
import { executePrepared } from '../prepared.ts';
import type { Database } from '../schema.ts';

export type InboxRow = Selectable<Database['inbox']>;
export type OutboxRow = Selectable<Database['outbox']>;

// What still waits is named as a literal, not a parameter: the indexes hold only those rows (partial indexes), and a
// planner uses such an index only when the query names the same value.
const RECEIVED = sql.lit<'received'>('received');
const PENDING = sql.lit<'pending'>('pending');

/** Stores an update as received; false when this (channel, bot, update id) is already stored (a redelivery). */
export async function storeUpdate(
  db: DB,
  row: { channel: string; bot: string; updateId: string; chatKey: string | null; payload: string; at: number; rejected?: string },
): Promise<boolean> {
  const build = () =>
    db
      .insertInto('inbox')
      .values({ channel: '', bot: '', update_id: '', chat_key: '', received_at: 0, payload: '', status: 'received', outcome: '', processed_at: 0 })
      .onConflict((oc) => oc.columns(['channel', 'bot', 'update_id']).doNothing());
  const values = [
    row.channel,
    row.bot,
    row.updateId,
    row.chatKey,
    row.at,
    row.rejected ? null : row.payload,
    row.rejected ? 'rejected' : 'received',
    row.rejected ? `rejected: ${row.rejected}` : null,
    row.rejected ? row.at : null,
  ];
  const result = await executePrepared(db, 'storeUpdate', build, values);
  return Number(result.numAffectedRows ?? 0) > 0;
}

/**
 * Takes the person's oldest unprocessed update, unless one of their replies is still waiting to be delivered (they
 * would answer a question they have not seen). A write first: on SQLite it takes the write lock for the whole
 * transaction; on PostgreSQL a second process blocks on the row, then finds it taken and moves on.
 */
export async function claimNextUpdate(db: DB, channel: string, chatKey: string): Promise<Pick<InboxRow, 'id' | 'payload' | 'received_at'> | undefined> {
  const build = () =>
    db
      .updateTable('inbox')
      .set({ status: 'processing' })
      .where('id', '=', (eb) =>
        eb
          .selectFrom('inbox as i')
          .select((e) => e.fn.min('i.id').as('first'))
          .where('i.channel', '=', '')
          .where('i.chat_key', '=', '')
          .where('i.status', '=', RECEIVED),
      )
      .where('status', '=', 'received')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('outbox as o').select('o.id').where('o.channel', '=', '').where('o.chat_key', '=', '').where('o.status', '=', PENDING))))
      .returning(['id', 'payload', 'received_at']);
  type Row = Pick<InboxRow, 'id' | 'payload' | 'received_at'>;
  const { rows } = await executePrepared<Row>(db, 'claimNextUpdate', build, ['processing', channel, chatKey, 'received', channel, chatKey]);
  return rows[0];
}

/** Ends processing: the payload is erased, the outcome kept. */
export async function finishUpdate(db: DB, id: number, outcome: string, at: number): Promise<void> {
  const build = () => db.updateTable('inbox').set({ status: 'processed', outcome: '', payload: null, processed_at: 0 }).where('id', '=', 0);
  await executePrepared(db, 'finishUpdate', build, ['processed', outcome, null, at, id]);
}

/** People with updates waiting (a restart, or another process's backlog). */
export async function chatsWithPendingUpdates(db: DB, channel: string, limit = 1000): Promise<string[]> {
  const rows = await db
    .selectFrom('inbox')
    .select('chat_key')
    .distinct()
    .where('channel', '=', channel)
    .where('status', '=', RECEIVED)
    .where('chat_key', 'is not', null)
    .limit(limit)
    .execute();
  return rows.map((r) => r.chat_key!);
}

export async function recordReply(
  db: DB,
  row: { inboxId: number | null; channel: string; chatKey: string; chatId: string; body: string; parts: number; at: number; leaseUntil: number },
): Promise<number> {
  const build = () =>
    db
      .insertInto('outbox')
      .values({ inbox_id: 0, channel: '', chat_key: '', chat_id: '', body: '', parts: 0, status: 'pending', next_try_at: 0, created_at: 0 })
      .returning('id');
  const values = [row.inboxId, row.channel, row.chatKey, row.chatId, row.body, row.parts, 'pending', row.leaseUntil, row.at];
  const { rows } = await executePrepared<{ id: number }>(db, 'recordReply', build, values);
  return rows[0]!.id;
}

/**
 * Takes the person's oldest undelivered reply for sending, if it is due: its next try moves `leaseMs` ahead, so another
 * process (or a sweep) leaves it alone while it is sent. A sender that dies lets the lease run out: sent again.
 */
export async function claimNextReply(db: DB, channel: string, chatKey: string, now: number, leaseMs: number): Promise<OutboxRow | undefined> {
  const build = () =>
    db
      .updateTable('outbox')
      .set({ next_try_at: 0 })
      .where('id', '=', (eb) => eb.selectFrom('outbox as o').select((e) => e.fn.min('o.id').as('first')).where('o.channel', '=', '').where('o.chat_key', '=', '').where('o.status', '=', PENDING))
      .where('status', '=', 'pending')
      .where('next_try_at', '<=', 0)
      .returningAll();
  const { rows } = await executePrepared<OutboxRow>(db, 'claimNextReply', build, [now + leaseMs, channel, chatKey, 'pending', now]);
  return rows[0];
}

/**
 * What waits for the person (read without a lock, before a transaction is worth opening): an update to process, and
 * a reply due for sending, in one query.
 */
export async function pendingWork(db: DB, channel: string, chatKey: string, now: number): Promise<{ update: boolean; reply: boolean }> {
  const build = () =>
    db.selectNoFrom((eb) => [
      eb.exists(eb.selectFrom('inbox').select('id').where('channel', '=', '').where('chat_key', '=', '').where('status', '=', RECEIVED)).as('u'),
      eb.exists(eb.selectFrom('outbox').select('id').where('channel', '=', '').where('chat_key', '=', '').where('status', '=', PENDING).where('next_try_at', '<=', 0)).as('r'),
    ]);
  const { rows } = await executePrepared<{ u: unknown; r: unknown }>(db, 'pendingWork', build, [channel, chatKey, channel, chatKey, now]);
  // 1/0 on SQLite, true/false on PostgreSQL.
  return { update: Boolean(Number(rows[0]?.u ?? 0)), reply: Boolean(Number(rows[0]?.r ?? 0)) };
}

/** People with replies due by `now`. */
export async function chatsWithDueReplies(db: DB, channel: string, now: number, limit = 1000): Promise<string[]> {
  const rows = await db
    .selectFrom('outbox')
    .select('chat_key')
    .distinct()
    .where('channel', '=', channel)
    .where('status', '=', PENDING)
    .where('next_try_at', '<=', now)
    .limit(limit)
    .execute();
  return rows.map((r) => r.chat_key);
}

/** Progress of a reply being sent (platform calls accepted); the sender's lease is renewed with it. */
export async function markCallsSent(db: DB, id: number, callsSent: number, leaseUntil: number): Promise<void> {
  const build = () => db.updateTable('outbox').set({ calls_sent: 0, next_try_at: 0 }).where('id', '=', 0);
  await executePrepared(db, 'markCallsSent', build, [callsSent, leaseUntil, id]);
}

/** Delivered (or given up): the text is erased, times and status kept. */
export async function settleReply(db: DB, id: number, status: 'delivered' | 'failed' | 'expired', at: number, error: string | null = null): Promise<void> {
  const build = () => db.updateTable('outbox').set({ status: 'delivered', body: null, delivered_at: 0, error: '' }).where('id', '=', 0).where('status', '=', 'pending');
  await executePrepared(db, 'settleReply', build, [status, null, at, error, id, 'pending']);
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
