import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiFailure, METHODS, SENDING_METHODS, type BotIdentity, type MethodContext } from './methods.ts';
import { parseParams, readBody } from './multipart.ts';
import { RateMeter, TELEGRAM_LIMITS, type RateLimits, type RateViolations } from './rate.ts';
import { ChatStore, UpdateQueue, type ApiCall, type FakeMessage, type SentEntry, type Update } from './state.ts';
import { createFakeUser, type FakeUser } from './updates.ts';

export type { ApiCall, FakeMessage, FakeUser, RateLimits, RateViolations, SentEntry, Update };
export { TELEGRAM_LIMITS };

/**
 * An injected failure: the next `times` matching calls fail the way Telegram fails.
 * `status` 429 carries `retryAfter` seconds; 403 is "bot was blocked by the user"; 5xx answers that HTTP status.
 */
export interface Fault {
  /** Methods it applies to; default every method except getUpdates. */
  method?: string | string[];
  chatId?: number | string;
  /** Default 1; Infinity for a permanent fault. */
  times?: number;
  /** Matching calls let through before the fault applies (the second call of a long reply: 1). */
  after?: number;
  /** 400, 403, 404, 429, 5xx… */
  status: number;
  retryAfter?: number;
  description?: string;
  /** Answer only after this many milliseconds (a slow server; with status it still fails). */
  delayMs?: number;
}

export interface FakeTelegramOptions {
  token?: string;
  username?: string;
  /** Flood limits the fake measures (default Telegram's: 30/s overall, 1/s per chat). */
  limits?: RateLimits;
  /** When true, sends over the limits are refused with 429 retry_after; otherwise they succeed and are only counted. */
  enforceLimits?: boolean;
}

export interface FakeTelegram {
  /** The API root to give a client (TELEGRAM_API_ROOT), e.g. http://127.0.0.1:43121 */
  readonly url: string;
  readonly token: string;
  readonly bot: BotIdentity;
  /** The URL of one method for this token. */
  methodUrl(method: string): string;
  /** Queues an update for getUpdates (or POSTs it to the webhook once one is set); returns its update_id. */
  pushUpdate(update: Record<string, unknown>): number;
  /**
   * Polling only: queues an update exactly as given, update_id and all (missing, a string, a fraction — what Telegram
   * never sends); it is confirmed by the first offset above its place in the queue.
   */
  pushRaw(update: Record<string, unknown>): void;
  /** Delivers an update again with the same update_id. */
  redeliver(updateId: number): void;
  user(id: number, firstName?: string, lastName?: string): FakeUser;
  inject(fault: Fault): void;
  /**
   * Holds the next matching call until `release()`; then it is answered as usual (a fault taken by it still applies):
   * the bot's call has started and waits, as on a slow network. `reached` resolves when the call has arrived.
   */
  hold(match: { method: string; chatId?: number | string }): { reached: Promise<void>; release: () => void };
  clearFaults(): void;
  /** Every send to this chat answers 403 from now on. */
  block(chatId: number | string): void;
  /** Successful bot actions, all chats, in order. */
  readonly sent: SentEntry[];
  sentTo(chatId: number | string): SentEntry[];
  /** Every request received. */
  readonly calls: ApiCall[];
  readonly violations: RateViolations;
  /** Commands registered with setMyCommands, by JSON of the scope ({"type":"default"} when none). */
  readonly commands: Map<string, unknown>;
  readonly webhook: { url: string; secret?: string } | undefined;
  /** HTTP statuses of webhook deliveries, by update_id. */
  readonly deliveries: Map<number, number>;
  /** Listens to every successful bot action (send, edit, callback answer) as it is recorded. */
  onSent(listener: (entry: SentEntry) => void): void;
  /** Listens to every batch of updates handed to the bot by getUpdates. */
  onDelivered(listener: (updates: Update[]) => void): void;
  /** Polls `check` until it returns something truthy (then resolves with it) or `timeoutMs` passes (then throws). */
  waitFor<T>(check: () => T | undefined | null | false, options?: { timeoutMs?: number; what?: string }): Promise<T>;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

function failure(res: ServerResponse, f: ApiFailure): void {
  const httpStatus = f.code >= 500 ? f.code : f.code === 429 ? 429 : f.code;
  send(res, httpStatus, { ok: false, error_code: f.code, description: f.description, ...(f.parameters ? { parameters: f.parameters } : {}) });
}

const FAULT_TEXT: Record<number, string> = {
  400: 'Bad Request: injected',
  404: 'Not Found',
  403: 'Forbidden: bot was blocked by the user',
  429: 'Too Many Requests: retry after',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Starts a fake Telegram Bot API server on an ephemeral loopback port. */
export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const token = options.token ?? '123456789:TEST-fake-token_abcdefghijklmnopqrstu';
  const bot: BotIdentity = {
    id: Number(token.split(':')[0]),
    is_bot: true,
    first_name: 'Cuộc thi CĐS',
    username: options.username ?? 'cds_test_bot',
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  };
  const chats = new ChatStore();
  const queue = new UpdateQueue();
  const meter = new RateMeter(options.limits ?? TELEGRAM_LIMITS);
  const calls: ApiCall[] = [];
  const faults: (Fault & { left: number })[] = [];
  const holds: { method: string; chatId?: number | string; reached: () => void; released: Promise<void> }[] = [];
  const blocked = new Set<string>();
  const deliveries = new Map<number, number>();
  const closing = new AbortController();
  let queryCounter = 0;
  let webhook: { url: string; secret?: string } | undefined;
  const ctx: MethodContext = {
    bot,
    chats,
    queue,
    get webhook() {
      return webhook;
    },
    setWebhook: (hook) => {
      webhook = hook;
    },
    commands: new Map(),
    now: Date.now,
  };

  const chatOf = (method: string, params: Record<string, unknown>) =>
    method === 'answerCallbackQuery' ? chats.openQueries.get(String(params.callback_query_id)) : params.chat_id === undefined ? undefined : String(params.chat_id);

  const takeFault = (method: string, chatId: string | undefined): Fault | undefined => {
    const i = faults.findIndex((f) => {
      const methods = f.method === undefined ? undefined : ([] as string[]).concat(f.method);
      const methodOk = methods ? methods.includes(method) : method !== 'getUpdates';
      return methodOk && (f.chatId === undefined || String(f.chatId) === chatId) && f.left > 0;
    });
    if (i === -1) return undefined;
    const fault = faults[i]!;
    if (fault.after) {
      fault.after -= 1;
      return undefined;
    }
    fault.left -= 1;
    if (fault.left <= 0) faults.splice(i, 1);
    return fault;
  };

  const checkLimits = (method: string, chatId: string | undefined): ApiFailure | undefined => {
    if (!SENDING_METHODS.has(method) || chatId === undefined) return undefined;
    if (blocked.has(chatId)) return new ApiFailure(403, FAULT_TEXT[403]!);
    const now = Date.now();
    const broken = meter.check(chatId, now);
    if (!broken || !options.enforceLimits) return undefined;
    const retryAfter = Math.max(1, Math.ceil(meter.waitMs(chatId, now) / 1000));
    return new ApiFailure(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const match = /^\/bot([^/]+)\/(?:test\/)?([A-Za-z]+)$/u.exec(url.pathname);
    const body = await readBody(req);
    if (!match) return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (match[1] !== token) return send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = match[2]!;
    const { params, files } = parseParams(url, req.headers['content-type'], body);
    const call: ApiCall = { method, params, ok: false, at: Date.now() };
    calls.push(call);
    const impl = METHODS[method];
    if (!impl) return send(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    const chatId = chatOf(method, params);
    const fault = takeFault(method, chatId);
    const hold = holds.find((h) => h.method === method && (h.chatId === undefined || String(h.chatId) === chatId));
    if (hold) {
      holds.splice(holds.indexOf(hold), 1);
      hold.reached();
      await hold.released;
    }
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    // Only a long poll waits; it ends early when its client goes away or the fake closes.
    let signal = closing.signal;
    if (method === 'getUpdates') {
      const requestGone = new AbortController();
      // A client killed while it waits half-closes the socket (FIN), which the server keeps open for writing: a live
      // client never does that mid-request, so it counts as gone too (as for Telegram, whose 409 would reach no one).
      const gone = () => requestGone.abort();
      req.socket.once('end', gone);
      res.on('close', () => {
        req.socket.off('end', gone);
        gone();
      });
      signal = AbortSignal.any([requestGone.signal, closing.signal]);
    }
    try {
      if (fault) {
        const retryAfter = fault.status === 429 ? (fault.retryAfter ?? 1) : undefined;
        const text = fault.description ?? (retryAfter !== undefined ? `${FAULT_TEXT[429]} ${retryAfter}` : FAULT_TEXT[fault.status]!);
        throw new ApiFailure(fault.status, text, retryAfter !== undefined ? { retry_after: retryAfter } : undefined);
      }
      const limited = checkLimits(method, chatId);
      if (limited) throw limited;
      const result = await impl(ctx, { params, files, signal });
      call.ok = true;
      if (!res.writableEnded && !res.destroyed) send(res, 200, { ok: true, result });
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      call.errorCode = err.code;
      if (!res.writableEnded && !res.destroyed) failure(res, err);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(err)}` });
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const deliver = async (update: Update, hook: { url: string; secret?: string }) => {
    try {
      const res = await fetch(hook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(hook.secret ? { 'x-telegram-bot-api-secret-token': hook.secret } : {}) },
        body: JSON.stringify(update),
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      deliveries.set(update.update_id, res.status);
    } catch {
      deliveries.set(update.update_id, 0);
    }
  };

  const pushUpdate = (update: Record<string, unknown>): number => {
    const full = { ...update, update_id: typeof update.update_id === 'number' ? update.update_id : queue.allocateId() } as Update;
    if (webhook) {
      queue.history.set(full.update_id, full);
      void deliver(full, webhook);
    } else {
      queue.push(full);
    }
    return full.update_id;
  };
  const sink = { chats, botId: bot.id, push: pushUpdate, queryId: () => `q${++queryCounter}` };

  return {
    url,
    token,
    bot,
    methodUrl: (method) => `${url}/bot${token}/${method}`,
    pushUpdate,
    pushRaw: (update) => queue.pushRaw(update),
    redeliver: (updateId) => {
      const update = queue.history.get(updateId);
      if (webhook && update) void deliver(update, webhook);
      else queue.redeliver(updateId);
    },
    user: (id, firstName = `Người dùng ${id}`, lastName) => createFakeUser(sink, id, firstName, lastName),
    inject: (fault) => void faults.push({ ...fault, left: fault.times ?? 1 }),
    hold: (match) => {
      let reached!: () => void;
      let release!: () => void;
      const arrived = new Promise<void>((r) => (reached = r));
      const released = new Promise<void>((r) => (release = r));
      holds.push({ ...match, reached, released });
      return { reached: arrived, release };
    },
    clearFaults: () => void faults.splice(0),
    block: (chatId) => void blocked.add(String(chatId)),
    sent: chats.log,
    sentTo: (chatId) => chats.sentTo(String(chatId)),
    calls,
    violations: meter.violations,
    commands: ctx.commands,
    get webhook() {
      return webhook;
    },
    deliveries,
    onSent: (listener) => void chats.onRecord.push(listener),
    onDelivered: (listener) => void queue.onTake.push(listener),
    waitFor: async (check, opts = {}) => {
      const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
      for (;;) {
        const value = check();
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`fake-telegram: timed out waiting for ${opts.what ?? 'a condition'}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    close: async () => {
      closing.abort();
      server.closeAllConnections();
      server.close();
      await once(server, 'close').catch(() => undefined);
    },
  };
}
