import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A fault to answer the next call(s) of a method with. */
export interface ZaloFault {
  method: string;
  /** HTTP status of the reply (Zalo answers errors with a JSON envelope). */
  status?: number;
  error_code: number;
  description?: string;
  times?: number;
  /** Matching calls let through before the fault applies (the second piece of a long reply: 1). */
  after?: number;
  /** Never answer (a hung server): the request stays open until the client gives up. */
  hang?: boolean;
}

export interface FakeZaloUpdate {
  event_name: string;
  message: { message_id: string; from: { id: string; display_name?: string }; chat: { id: string; chat_type: string }; date: number; text?: string };
}

/**
 * An in-repo fake of the Zalo Bot Platform API on an ephemeral port: the methods the bot uses with Zalo's envelope
 * and limits (text 1–2,000 characters), a sent-message log per chat, getUpdates one update at a time (408 when the
 * long poll times out), webhook delivery with the secret header, and fault injection.
 */
export async function startFakeZalo(options: { token?: string } = {}) {
  const token = options.token ?? 'zalo-test-token';
  const sent = new Map<string, string[]>();
  const calls: { method: string; body: Record<string, unknown> }[] = [];
  const faults: ZaloFault[] = [];
  const holds: { method: string; text?: RegExp; reached: () => void; released: Promise<void> }[] = [];
  const pending: unknown[] = [];
  const waiters: (() => void)[] = [];
  let webhook: { url: string; secret: string } | null = null;
  let nextMessageId = 1;

  const reply = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const fail = (res: ServerResponse, code: number, description: string, status = code >= 500 ? code : 200) =>
    reply(res, status, { ok: false, error_code: code, description });

  /** The next update, waiting up to `timeoutSeconds`; none is handed to a client that went away meanwhile. */
  async function nextUpdate(timeoutSeconds: number, res: ServerResponse): Promise<unknown> {
    if (pending.length) return pending.shift();
    let gone = false;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, timeoutSeconds * 1000);
      res.on('close', () => {
        gone = true;
        done();
      });
      waiters.push(done);
    });
    return gone ? undefined : pending.shift();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const m = /^\/bot([^/]+)\/(\w+)$/u.exec(req.url ?? '');
    if (!m || req.method !== 'POST') return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (m[1] !== token) return fail(res, 401, 'Unauthorized');
    const method = m[2]!;
    let body: Record<string, unknown> = {};
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    try {
      body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
    } catch {
      return fail(res, 400, 'Bad Request: invalid JSON');
    }
    calls.push({ method, body });
    const hold = holds.find((h) => h.method === method && (!h.text || h.text.test(String(body.text ?? ''))));
    if (hold) {
      holds.splice(holds.indexOf(hold), 1);
      hold.reached();
      await hold.released;
    }
    let fault = faults.find((f) => f.method === method);
    if (fault?.after) {
      fault.after -= 1;
      fault = undefined;
    }
    if (fault) {
      if (--fault.times! <= 0) faults.splice(faults.indexOf(fault), 1);
      if (fault.hang) return;
      return fail(res, fault.error_code, fault.description ?? 'Injected fault', fault.status);
    }
    switch (method) {
      case 'getMe':
        return reply(res, 200, { ok: true, result: { id: 'bot0001', account_name: 'bot.cds', display_name: 'CĐS Bắc Sơn' } });
      case 'sendMessage': {
        const text = body.text;
        if (typeof body.chat_id !== 'string' || typeof text !== 'string') return fail(res, 400, 'Bad Request: chat_id and text required');
        if (text.length < 1 || text.length > 2000) return fail(res, 400, 'Bad Request: text must be 1-2000 characters');
        sent.set(body.chat_id, [...(sent.get(body.chat_id) ?? []), text]);
        return reply(res, 200, { ok: true, result: { message_id: `m${nextMessageId++}`, date: Date.now() } });
      }
      case 'sendChatAction':
      case 'sendPhoto':
        return reply(res, 200, { ok: true, result: {} });
      case 'setWebhook':
        if (typeof body.url !== 'string' || typeof body.secret_token !== 'string' || body.secret_token.length < 8) return fail(res, 400, 'Bad Request');
        webhook = { url: body.url, secret: body.secret_token };
        return reply(res, 200, { ok: true, result: { url: body.url } });
      case 'deleteWebhook':
        webhook = null;
        return reply(res, 200, { ok: true, result: {} });
      case 'getWebhookInfo':
        return reply(res, 200, { ok: true, result: { url: webhook?.url ?? '' } });
      case 'getUpdates': {
        if (webhook) return fail(res, 409, 'Conflict: webhook is set');
        const update = await nextUpdate(Math.min(Number(body.timeout ?? 0), 30), res);
        return update ? reply(res, 200, { ok: true, result: update }) : fail(res, 408, 'Request Timeout');
      }
      default:
        return fail(res, 404, `Unknown method ${method}`);
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let counter = 0;
  const makeUpdate = (userId: string, text: string | undefined, event = 'message.text.received', displayName?: string): FakeZaloUpdate => ({
    event_name: event,
    message: {
      message_id: `msg-${Date.now().toString(16)}-${++counter}`,
      from: { id: userId, ...(displayName ? { display_name: displayName } : {}) },
      chat: { id: userId, chat_type: 'PRIVATE' },
      date: Date.now(),
      ...(text !== undefined ? { text } : {}),
    },
  });

  return {
    url,
    token,
    sent,
    calls,
    get webhook() {
      return webhook;
    },
    makeUpdate,
    /** Queues an update for getUpdates (anything: a malformed one too). */
    push(update: FakeZaloUpdate | Record<string, unknown>) {
      pending.push(update);
      waiters.splice(0).forEach((w) => w());
    },
    /** POSTs an update to the registered webhook, as Zalo does; `secret` overrides the header (wrong-secret tests). */
    async deliver(update: FakeZaloUpdate, opts: { secret?: string | null; wrap?: boolean } = {}) {
      if (!webhook) throw new Error('no webhook set');
      const secret = opts.secret === undefined ? webhook.secret : opts.secret;
      const response = await fetch(webhook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-bot-api-secret-token': secret }) },
        body: JSON.stringify(opts.wrap === false ? update : { ok: true, result: update }),
      });
      return response.status;
    },
    /** POSTs a body as given (text that JSON.stringify could not make: nested thousands deep) to the webhook. */
    async deliverText(body: string) {
      if (!webhook) throw new Error('no webhook set');
      const response = await fetch(webhook.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-bot-api-secret-token': webhook.secret }, body });
      return response.status;
    },
    fail(fault: ZaloFault) {
      faults.push({ times: 1, ...fault });
    },
    /**
     * Holds the next call of `method` (whose text matches) until `release()`, then answers it as usual: the bot's call
     * has started and waits, as on a slow network. `reached` resolves when the call has arrived.
     */
    hold(method: string, text?: RegExp): { reached: Promise<void>; release: () => void } {
      let reached!: () => void;
      let release!: () => void;
      const arrived = new Promise<void>((r) => (reached = r));
      const released = new Promise<void>((r) => (release = r));
      holds.push({ method, ...(text ? { text } : {}), reached, released });
      return { reached: arrived, release };
    },
    /** Every text sent to a chat, joined (for "contains" assertions). */
    transcript: (chatId: string) => (sent.get(chatId) ?? []).join('\n'),
    async close() {
      waiters.splice(0).forEach((w) => w());
      server.closeAllConnections();
      server.close();
      await once(server, 'close').catch(() => undefined);
    },
  };
}

export type FakeZalo = Awaited<ReturnType<typeof startFakeZalo>>;
