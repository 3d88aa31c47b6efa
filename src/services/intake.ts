import { inTransaction, type DB } from '../storage/db.ts';
import {
  chatsWithDueReplies,
  chatsWithPendingUpdates,
  claimNextReply,
  claimNextUpdate,
  eraseTrafficOf,
  finishUpdate,
  markCallsSent,
  pendingWork,
  postponeReply,
  pruneTraffic,
  recordReply,
  settleReply,
  storeUpdate,
} from '../storage/repos/inbox.ts';
import { createGroupCommit, createGroupTransaction } from '../storage/group-commit.ts';
import { markChatReachable } from '../storage/repos/accounts.ts';
import { markShown } from '../storage/repos/attempts.ts';
import type { ServiceDeps } from './deps.ts';
import type { Services } from './index.ts';

/** How long a reply being sent is left to its sender before another process may send it. */
const SEND_LEASE_MS = 10_000;

export interface StoredUpdate {
  id: number;
  payload: string;
  receivedAt: number;
}

/** What processing one update produced: an outcome to keep, and the reply to send (recorded, then delivered). */
export interface HandledUpdate {
  outcome: string;
  reply?: { chatId: string; body: string; parts: number };
}

/**
 * A question shown by a delivered call (one of an attempt's questions, or its tie-break prediction question), and when
 * (the start of the try the platform accepted).
 */
export interface ShownMark {
  attemptId: number;
  position: number | 'prediction';
  at: number;
}

export interface PendingReply {
  id: number;
  chatId: string;
  body: string;
  /** Messages in the reply. */
  parts: number;
  /** Platform calls of the reply the platform accepted already (a long message is several calls). */
  callsSent: number;
  tries: number;
  createdAt: number;
}

/**
 * The durable inbox: updates are stored on receipt (before the platform is told "got it"), processed one at a time
 * per person in stored order, each inside one transaction with the reply it produces; replies are delivered after
 * the commit and marked delivered. A crash anywhere leaves either an unprocessed update or an undelivered reply,
 * both picked up again — never a half-recorded answer.
 */
export interface IntakeService {
  /**
   * Stores an update; "duplicate" for a redelivery (the same channel, bot and update id). `rejected` records a
   * malformed update without processing it (and without its payload).
   */
  receive(u: { channel: string; bot: string; updateId: string; chatKey: string | null; payload: string; rejected?: string }): Promise<'stored' | 'duplicate' | 'rejected'>;
  /**
   * Processes the person's oldest stored update with `handle`, which gets services bound to the update's
   * transaction and judging at the update's received time. Not processed when nothing was waiting (or a reply must
   * be delivered first); `replyDue` then says whether one of the person's replies is due for sending.
   */
  processNext(channel: string, chatKey: string, handle: (update: StoredUpdate, services: Services) => Promise<HandledUpdate>): Promise<{ processed: boolean; reply?: PendingReply; replyDue?: boolean }>;
  /** People whose updates wait (start-up, or left by a failure). */
  chatsWithPendingUpdates(channel: string): Promise<string[]>;
  chatsWithDueReplies(channel: string): Promise<string[]>;
  /** The person's oldest undelivered reply, when due, taken for sending (undefined when another sender has it). */
  nextReply(channel: string, chatKey: string): Promise<PendingReply | undefined>;
  /**
   * The first `callsSent` platform calls of a reply were accepted (durable: a retry resumes after them); the questions
   * the last of them showed are stamped as shown in the same commit.
   */
  replyProgress(id: number, callsSent: number, shown?: readonly ShownMark[]): Promise<void>;
  /** A reply is settled; delivered, with the questions its last call showed, stamped in the same commit. */
  replySettled(id: number, status: 'delivered' | 'failed' | 'expired', error?: string, shown?: readonly ShownMark[]): Promise<void>;
  replyPostponed(id: number, untilMs: number, error: string): Promise<void>;
  /** Forgets settled traffic older than the retention period. */
  prune(retentionMs: number): Promise<void>;
  /** The platform said the chat blocked the bot (403, "kicked"): reminders skip it. */
  markUnreachable(channel: string, chatId: string): Promise<void>;
  markReachable(channel: string, chatId: string): Promise<void>;
  /** A data deletion: the person's stored traffic goes too. */
  eraseTrafficOf(channel: string, chatKey: string): Promise<void>;
}

/** A write to the outbox and the questions it showed, in one transaction (the write alone needs none). */
function withShown(db: DB, shown: readonly ShownMark[], write: (db: DB) => Promise<void>): Promise<void> {
  if (shown.length === 0) return write(db);
  return inTransaction(db, async (tx) => {
    await write(tx);
    for (const s of shown) await markShown(tx, s.attemptId, s.position, s.at);
  });
}

export function createIntakeService(deps: ServiceDeps, scoped: (db: DB, now: () => number, afterCommit: NonNullable<ServiceDeps['afterCommit']>) => Services): IntakeService {
  const { db } = deps;
  // Updates stored and replies marked in the same turn of the event loop share one commit (a batch from getUpdates,
  // replies of many people answered at once); each caller still waits for its own write to be committed.
  const group = createGroupCommit(db);
  // The processing of several people's updates in the same turn (a stored batch) shares one transaction on SQLite.
  const processing = createGroupTransaction(db);
  return {
    async receive(u) {
      const row = { ...u, at: deps.now(), ...(u.rejected ? { rejected: u.rejected } : {}) };
      const stored = await group.run((tx) => storeUpdate(tx, row));
      if (!stored) return 'duplicate';
      return u.rejected ? 'rejected' : 'stored';
    },
    async processNext(channel, chatKey, handle) {
      // A cheap look first: most drains end with nothing left, and an empty transaction would still take the lock.
      const waiting = await pendingWork(db, channel, chatKey, deps.now());
      if (!waiting.update) return { processed: false, replyDue: waiting.reply };
      const afterCommit: ((db: DB) => Promise<void>)[] = [];
      const outcome = await processing.run(async (tx): Promise<{ processed: boolean; reply?: PendingReply; replyDue?: boolean }> => {
        const row = await claimNextUpdate(tx, channel, chatKey);
        if (!row) return { processed: false, replyDue: true };
        const receivedAt = row.received_at;
        const result = await handle({ id: row.id, payload: row.payload ?? 'null', receivedAt }, scoped(tx, () => receivedAt, (task) => afterCommit.push(task)));
        const now = deps.now();
        let reply: PendingReply | undefined;
        if (result.reply) {
          // Recorded already taken for sending by this process (the lease), which sends it right after the commit.
          const { chatId, body, parts } = result.reply;
          const id = await recordReply(tx, { inboxId: row.id, channel, chatKey, chatId, body, parts, at: now, leaseUntil: now + SEND_LEASE_MS });
          reply = { id, chatId, body, parts, callsSent: 0, tries: 0, createdAt: now };
        }
        await finishUpdate(tx, row.id, result.outcome, now);
        return { processed: true, ...(reply ? { reply } : {}) };
      });
      for (const task of afterCommit) await task(db);
      return outcome;
    },
    chatsWithPendingUpdates: (channel) => chatsWithPendingUpdates(db, channel),
    chatsWithDueReplies: (channel) => chatsWithDueReplies(db, channel, deps.now()),
    async nextReply(channel, chatKey) {
      const row = await claimNextReply(db, channel, chatKey, deps.now(), SEND_LEASE_MS);
      if (!row || row.body === null) return undefined;
      return { id: row.id, chatId: row.chat_id, body: row.body, parts: row.parts, callsSent: row.calls_sent, tries: row.tries, createdAt: row.created_at };
    },
    replyProgress: (id, callsSent, shown = []) => {
      const leaseUntil = deps.now() + SEND_LEASE_MS;
      return group.run((tx) => withShown(tx, shown, (t) => markCallsSent(t, id, callsSent, leaseUntil)));
    },
    replySettled: (id, status, error, shown = []) => {
      const at = deps.now();
      return group.run((tx) => withShown(tx, shown, (t) => settleReply(t, id, status, at, error ?? null)));
    },
    replyPostponed: (id, until, error) => postponeReply(db, id, until, error),
    prune: (retentionMs) => pruneTraffic(db, deps.now() - retentionMs),
    markUnreachable: (channel, chatId) => markChatReachable(db, channel, chatId, false),
    markReachable: (channel, chatId) => markChatReachable(db, channel, chatId, true),
    eraseTrafficOf: (channel, chatKey) => eraseTrafficOf(db, channel, chatKey),
  };
}
