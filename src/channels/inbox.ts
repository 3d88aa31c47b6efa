import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { SendError } from '../contract/channel.ts';
import type { Reply, ShownQuestion } from '../contract/messages.ts';
import type { Conversation } from '../conversation/index.ts';
import type { Services } from '../services/index.ts';
import type { HandledUpdate, PendingReply, ShownMark } from '../services/intake.ts';
import { createHealth, type Health } from './health.ts';
import { createPerChatQueue } from './per-chat.ts';
import { vi } from '../messages/vi.ts';

/** How a channel plugs into the inbox: identify a raw update, handle a stored one, deliver a recorded reply. */
export interface InboxAdapter {
  readonly channel: string;
  /** The bot receiving (inboxBotKey): update ids are unique only per bot and Bot API server. */
  readonly bot: string;
  /** The update's id, its sender (the per-person order key) and chat; `problem` when it cannot be processed at all. */
  identify(raw: unknown): { updateId: string; chatKey: string | null; chatId?: string; problem?: string };
  /** One stored update, with services bound to its transaction and a dialogue built on them. */
  handle(raw: unknown, services: Services, conversation: Conversation): Promise<HandledUpdate>;
  /**
   * The platform calls that deliver a recorded reply, in order (a long text is several, a caption too long for its
   * file is the text then the file). Rendering is deterministic: a retry gets the same calls and skips those accepted.
   */
  calls(chatId: string, body: string): ReplyCall[];
  /** A plain message sent without the database (the "sự cố" notice while writes fail). */
  notify(chatId: string, text: string): Promise<void>;
}

/** One platform call of a reply. */
export interface ReplyCall {
  /** Resolves once the platform accepted the call, throws SendError otherwise; `trying()` as each try starts. */
  send(trying: () => void): Promise<void>;
  /** The question the call shows (the last call of a message that carries one): stamped with the accepted try's start. */
  shows?: ShownQuestion;
}

export interface InboxRunnerOptions {
  services: Services;
  conversationFor: (services: Services, now: () => number) => Conversation;
  log: Logger;
  now: () => number;
  /** Storage incidents of this process (shared with /healthz); one per process when absent. */
  health?: Health;
  /** A reply still undelivered after this long is not sent any more (the person has moved on; their next message gets the current state). */
  staleAfterMs?: number;
  /** Settled rows are kept this long (ids, times and outcomes; no texts). */
  retentionMs?: number;
  /** How often stored-but-unprocessed updates and due replies are looked for (a restart, a failure, another process). */
  sweepEveryMs?: number;
  /** Failed sends of one reply before it is given up. */
  maxTries?: number;
}

export interface InboxRunner {
  /**
   * Stores an update and schedules it; resolves once it is stored ("duplicate" for a redelivery, "rejected" for an
   * update that cannot be handled, recorded without its payload). Throws only on a storage fault: then it is not
   * stored and must not be acknowledged.
   */
  receive(raw: unknown): Promise<'stored' | 'duplicate' | 'rejected'>;
  /** Looks for work left over (start-up) and schedules it. */
  sweep(): Promise<void>;
  /** Resolves when everything scheduled so far is done. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** Replies travel as JSON; file contents as base64. */
export function encodeBody(value: unknown): string {
  // Most replies hold no file: plain JSON, without a replacer called for every value.
  const plain = JSON.stringify(value);
  if (!plain.includes('"type":"Buffer"')) return plain;
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data) ? { $b64: Buffer.from((v as { data: number[] }).data).toString('base64') } : v));
}
export function decodeBody<T>(body: string): T {
  if (!body.includes('"$b64"')) return JSON.parse(body) as T;
  return JSON.parse(body, (_k, v: unknown) => (v && typeof v === 'object' && typeof (v as { $b64?: unknown }).$b64 === 'string' ? Buffer.from((v as { $b64: string }).$b64, 'base64') : v)) as T;
}

/**
 * The inbox's key of a bot: a hash of the bot's id — the part of a Telegram or Zalo token before ":" (the whole token
 * when there is none) — and the Bot API server's address. Update ids are numbered per bot by the server that hands
 * them out, so a database reused with another bot, or the same bot behind another Bot API server, must not take that
 * bot's updates for redeliveries. The bot id and not the whole token: a token revoked and reissued (@BotFather
 * /revoke) is the same bot and numbering, so its redeliveries still count as such; and the secret half of the token
 * never reaches the database.
 */
export function inboxBotKey(token: string, apiRoot: string): string {
  const colon = token.indexOf(':');
  const bot = colon > 0 ? token.slice(0, colon) : token;
  return createHash('sha256').update(`${bot}\n${apiRoot.replace(/\/+$/u, '')}`).digest('hex').slice(0, 16);
}

/**
 * Storage faults (disk full, database unreachable or not answering) are retried; anything else in processing rejects
 * the update. Errors without a code (a bug, a body nobody foresaw) are not storage faults; neither is a value the
 * database refuses (PostgreSQL's data exceptions, class 22, such as a NUL character in text): retrying would not help.
 * pg's own timeouts carry no code: storage/db.ts gives them ETIMEDOUT or ECONNRESET.
 */
export function isStorageFault(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string') return false;
  if (/^22[0-9A-Z]{3}$/u.test(code) || code === 'SQLITE_TOOBIG' || code === 'SQLITE_MISMATCH') return false;
  return code.startsWith('SQLITE_') || /^[0-9A-Z]{5}$/u.test(code) || /^(ECONN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|EAI_AGAIN|ENOTFOUND)/u.test(code);
}

const REJECTED_BY_ERROR = 'rejected: processing failed';

export function createInboxRunner(adapter: InboxAdapter, options: InboxRunnerOptions): InboxRunner {
  const { services, log } = options;
  const { intake } = services;
  const channel = adapter.channel;
  const staleAfterMs = options.staleAfterMs ?? 15 * 60_000;
  const maxTries = options.maxTries ?? 8;
  const queue = createPerChatQueue();
  const health = options.health ?? createHealth(log, options.now);
  let stopped = false;

  /**
   * A storage fault: the incident is opened (or goes on) and the person, if they can be told now (their chat is
   * known), is told once. A fault met while processing a stored update has no chat to tell: it must not count the
   * person as told, or their next message, refused while the database is down, would get no word.
   */
  function storageFault(err: unknown, chatKey: string | null | undefined, chatId: string | undefined): void {
    if (health.storageFailed(err, chatKey && chatId ? `${channel}:${chatKey}` : undefined) && chatId) {
      // Not awaited: telling the person must not hold up the inbox; a failure to tell them is only logged.
      void adapter.notify(chatId, vi.systemFault).catch((e: unknown) => log.warn({ err: e }, 'could not tell a person about the fault'));
    }
  }

  const handle = (raw: string, scoped: Services, receivedAt: number) =>
    adapter.handle(JSON.parse(raw) as unknown, scoped, options.conversationFor(scoped, () => receivedAt)).catch((err: unknown) => {
      if (isStorageFault(err)) throw err;
      // A bug or an input nobody foresaw: logged once, recorded, never retried forever.
      log.error({ err, channel }, 'update could not be processed; rejected');
      return { outcome: REJECTED_BY_ERROR } satisfies HandledUpdate;
    });

  /** Sends one reply taken for sending; false when it must wait (a rate limit, a transient failure). */
  async function deliverOne(chatKey: string, reply: PendingReply): Promise<boolean> {
    if (options.now() - reply.createdAt > staleAfterMs) {
      await intake.replySettled(reply.id, 'expired', 'stale');
      return true;
    }
    try {
      // Progress is recorded durably after each accepted call but the last (settling the reply records that one): a
      // retry, in this process or after a restart, resumes after the last call the platform accepted.
      // A question is shown from the start of the try the platform accepted, stamped in the same commit as the progress
      // or the delivered mark: the person's next update is processed only after it, and compared with the stamp.
      const calls = adapter.calls(reply.chatId, reply.body);
      let shown: ShownMark[] = [];
      for (let i = reply.callsSent; i < calls.length; i += 1) {
        const call = calls[i]!;
        let startedAt = options.now();
        await call.send(() => {
          startedAt = options.now();
        });
        shown = call.shows ? [{ ...call.shows, at: startedAt }] : [];
        if (i + 1 < calls.length) await intake.replyProgress(reply.id, i + 1, shown);
      }
      await intake.replySettled(reply.id, 'delivered', undefined, shown);
      return true;
    } catch (err) {
      const failure = err instanceof SendError ? err : new SendError('transient', String(err), channel);
      if (failure.kind === 'unreachable') {
        await intake.markUnreachable(channel, reply.chatId);
        await intake.replySettled(reply.id, 'failed', failure.message);
        return true;
      }
      if (failure.kind === 'rejected' || reply.tries + 1 >= maxTries) {
        log.error({ err: failure, chatKey }, 'reply given up');
        await intake.replySettled(reply.id, 'failed', failure.message);
        return true;
      }
      // Rate limits and transient failures: the reply (and the person's next updates) wait, in order.
      const waitMs = failure.kind === 'rate_limited' ? (failure.retryAfterMs ?? 1000) : Math.min(60_000, 1000 * 2 ** reply.tries);
      await intake.replyPostponed(reply.id, options.now() + waitMs, failure.message);
      log.warn({ err: failure.message, chatKey, waitMs }, 'reply postponed');
      // Back as soon as it is due (the periodic sweep is the fallback after a restart).
      setTimeout(() => schedule(chatKey), waitMs + 10).unref();
      return false;
    }
  }

  /** Replies left due (a restart, a pause that ended); false when one still has to wait. */
  async function deliverDue(chatKey: string): Promise<{ sent: boolean; blocked: boolean }> {
    let sent = false;
    for (let reply = await intake.nextReply(channel, chatKey); reply; reply = await intake.nextReply(channel, chatKey)) {
      if (!(await deliverOne(chatKey, reply))) return { sent, blocked: true };
      sent = true;
    }
    return { sent, blocked: false };
  }

  /** The person's stored updates, one at a time, each reply sent before the next update is read. */
  async function drain(chatKey: string): Promise<void> {
    try {
      while (!stopped) {
        const result = await intake.processNext(channel, chatKey, (u, scoped) => handle(u.payload, scoped, u.receivedAt));
        if (result.reply) {
          if (!(await deliverOne(chatKey, result.reply))) return;
          continue;
        }
        if (result.processed) continue;
        // Nothing processed: no update waits, or a reply recorded earlier must go first.
        if (!result.replyDue) return;
        const due = await deliverDue(chatKey);
        if (due.blocked || !due.sent) return;
      }
    } catch (err) {
      if (isStorageFault(err)) storageFault(err, chatKey, undefined);
      else log.error({ err, channel, chatKey }, 'inbox processing failed; the update stays stored and is retried');
    }
  }

  // A drain queued and not started yet will see every update stored before it starts: one is enough.
  const queued = new Set<string>();
  const schedule = (chatKey: string) => {
    if (queued.has(chatKey)) return;
    queued.add(chatKey);
    // Not awaited: the per-chat queue runs one drain at a time per person, and its tasks never reject.
    void queue.run(chatKey, () => {
      queued.delete(chatKey);
      return drain(chatKey);
    });
  };

  async function sweep(): Promise<void> {
    const keys = new Set([...(await intake.chatsWithPendingUpdates(channel)), ...(await intake.chatsWithDueReplies(channel))]);
    for (const key of keys) schedule(key);
  }

  const prune = () => intake.prune(options.retentionMs ?? 7 * 86_400_000).catch((err: unknown) => log.warn({ err }, 'inbox pruning failed'));
  // In the background: pruning old traffic must not delay the start; a failure is logged (above).
  void prune();
  // While the database fails, the sweep fails every few seconds: one line when that starts (the incident has its own).
  let sweepFailing = false;
  const sweepNow = () =>
    sweep().then(
      () => {
        if (sweepFailing) log.info({ channel }, 'inbox sweep works again');
        sweepFailing = false;
      },
      (err: unknown) => {
        if (!sweepFailing || !isStorageFault(err)) log.warn({ err, channel }, 'inbox sweep failed');
        sweepFailing = isStorageFault(err);
      },
    );
  const sweepTimer = setInterval(() => void sweepNow(), options.sweepEveryMs ?? 5000);
  sweepTimer.unref();
  const pruneTimer = setInterval(() => void prune(), 3_600_000);
  pruneTimer.unref();

  return {
    async receive(raw) {
      let update: ReturnType<InboxAdapter['identify']> | undefined;
      let payload = '';
      let failure: unknown;
      try {
        update = adapter.identify(raw);
        payload = JSON.stringify(raw);
      } catch (err) {
        // A body nobody foresaw (valid JSON nested thousands of levels deep): recorded as rejected, never retried.
        failure = err;
      }
      const { updateId, chatKey, chatId } = update ?? { updateId: `unreadable-${Date.now()}-${randomUUID()}`, chatKey: null };
      let problem = failure ? 'could not be read' : (update?.problem ?? (chatKey ? undefined : 'no sender'));
      const store = () => intake.receive({ channel, bot: adapter.bot, updateId, chatKey, payload, ...(problem ? { rejected: problem } : {}) });
      let result: Awaited<ReturnType<typeof intake.receive>>;
      try {
        try {
          result = await store();
        } catch (err) {
          if (isStorageFault(err)) throw err;
          // The database refused this update's content, not the write: recorded without it.
          failure = err;
          problem = 'could not be stored';
          result = await store();
        }
      } catch (err) {
        if (!isStorageFault(err)) {
          // Not even the rejection could be recorded (its id or sender is what the database refuses): acknowledged all the same.
          log.error({ err, channel, updateId }, 'update could not be stored; rejected without a record');
          return 'rejected';
        }
        // Not stored, so not acknowledged: the platform delivers it again and nothing is lost.
        storageFault(err, chatKey, chatId);
        throw err;
      }
      health.storageWorks();
      if (result === 'rejected') {
        const line = { channel, updateId, problem, ...(failure ? { err: failure } : {}) };
        if (failure) log.error(line, 'update could not be handled; recorded as rejected and skipped');
        else log.warn(line, 'malformed update recorded as rejected and skipped');
      }
      if (result === 'duplicate') log.info({ channel, bot: adapter.bot, updateId }, 'update already stored (a redelivery); dropped as a duplicate');
      if (result === 'stored' && chatKey) schedule(chatKey);
      return result;
    },
    sweep,
    idle: () => queue.drain(),
    async stop() {
      stopped = true;
      clearInterval(sweepTimer);
      clearInterval(pruneTimer);
      await queue.drain();
    },
  };
}

export type { Reply };
