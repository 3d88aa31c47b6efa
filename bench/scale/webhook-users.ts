/**
 * Child process of the scale bench's webhook run: the fake Bot API, a round-robin reverse proxy in front of the bot
 * processes (what nginx does; the bots' TELEGRAM_WEBHOOK_URL points at it, so the fake delivers every update to it),
 * and simulated people who each tap through one attempt as soon as the bot's question arrives (a closed loop), some
 * taps delivered twice (Telegram redelivers after a timeout) to the other process. Stops by itself when everyone is
 * done. IPC: start → ready; targets; go → done; ends; admin → admin-done; exit.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeTelegram, type FakeTelegram, type SentEntry } from '../../tests/support/fake-telegram/index.ts';

export interface WebhookGo {
  type: 'go';
  userIds: number[];
  /** Every n-th tap is delivered a second time (same update_id); 0: never. */
  redeliverEvery: number;
}

export interface WebhookStats {
  type: 'done';
  taps: number;
  /** Updates the proxy forwarded (taps, /thi, redeliveries) and how many of them were not answered 200. */
  forwarded: number;
  failed: number;
  redelivered: number;
  windowMs: number;
  /** From the proxy handing a tap to a bot process to that person's next message from the bot. */
  processing: number[];
  /** Callback data of every tap the people sent, by user id (the parent checks the database against it). */
  tapsByUser: Record<string, number>;
}

let fake: FakeTelegram;
let targets: string[] = [];
let turn = 0;
const forwardedAt = new Map<number, number>();
let forwarded = 0;
let failed = 0;

async function body(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of req) parts.push(p as Buffer);
  return Buffer.concat(parts);
}

const proxy = createServer((req, res) => {
  void (async () => {
    const raw = await body(req);
    const target = targets[turn++ % targets.length]!;
    const id = (JSON.parse(raw.toString()) as { update_id: number }).update_id;
    if (!forwardedAt.has(id)) forwardedAt.set(id, performance.now());
    forwarded++;
    try {
      const r = await fetch(`${target}${req.url}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': String(req.headers['x-telegram-bot-api-secret-token'] ?? '') }, body: raw.toString() });
      const text = await r.text();
      if (r.status !== 200) failed++;
      res.writeHead(r.status, { 'content-type': 'application/json' }).end(text);
    } catch {
      failed++;
      res.writeHead(502).end();
    }
  })();
});
proxy.keepAliveTimeout = 60_000;

async function run(req: WebhookGo): Promise<WebhookStats> {
  const people = new Map(req.userIds.map((id) => [String(id), { taps: 0, pending: undefined as number | undefined, done: false }]));
  const processing: number[] = [];
  const tapsByUser: Record<string, number> = {};
  let first = 0;
  let last = 0;
  let taps = 0;
  let redelivered = 0;
  let remaining = people.size;
  let resolve!: () => void;
  const finished = new Promise<void>((r) => (resolve = r));
  fake.onSent((e: SentEntry) => {
    if (e.method !== 'sendMessage') return;
    const person = people.get(e.chatId);
    if (!person || person.done) return;
    const now = performance.now();
    if (person.pending !== undefined) {
      const at = forwardedAt.get(person.pending);
      if (at !== undefined) processing.push(now - at);
      person.pending = undefined;
      person.taps++;
      last = now;
    }
    const button = e.replyMarkup?.inline_keyboard?.[0]?.[0]?.callback_data;
    if (button?.startsWith('a:')) {
      const updateId = fake.user(Number(e.chatId)).tapData(e.messageId!, button);
      person.pending = updateId;
      if (!first) first = performance.now();
      taps++;
      tapsByUser[e.chatId] = (tapsByUser[e.chatId] ?? 0) + 1;
      if (req.redeliverEvery > 0 && taps % req.redeliverEvery === 0) {
        redelivered++;
        fake.redeliver(updateId);
      }
    } else if (person.taps > 0) {
      person.done = true;
      if (--remaining === 0) resolve();
    }
  });
  for (const id of req.userIds) fake.user(id).send('/thi');
  await finished;
  processing.sort((a, b) => a - b);
  return { type: 'done', taps: processing.length, forwarded, failed, redelivered, windowMs: last - first, processing, tapsByUser };
}

/** An official's boards and charts (the bot's memory after them is what the RSS bench reads). */
async function admin(adminId: number, commands: string[]): Promise<void> {
  const user = fake.user(adminId, 'Cán bộ');
  for (const text of commands) {
    const before = fake.sentTo(adminId).length;
    user.send(text);
    await fake.waitFor(() => fake.sentTo(adminId).length > before, { timeoutMs: 120_000, what: `a reply to ${text}` });
    await new Promise((r) => setTimeout(r, 500));
  }
}

process.on('message', (msg: { type: string; urls?: string[]; adminId?: number; commands?: string[] } & Partial<Omit<WebhookGo, 'type'>>) => {
  void (async () => {
    if (msg.type === 'start') {
      fake = await startFakeTelegram({ limits: { global: 100_000, perChat: 100, windowMs: 1000 } });
      proxy.listen(0, '127.0.0.1');
      await once(proxy, 'listening');
      process.send!({ type: 'ready', url: fake.url, token: fake.token, proxy: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` });
    } else if (msg.type === 'targets') {
      targets = msg.urls!;
      process.send!({ type: 'targets-set' });
    } else if (msg.type === 'go') {
      process.send!(await run(msg as WebhookGo));
    } else if (msg.type === 'ends') {
      // Asked once the bots' inboxes are drained (redelivered taps may still be in flight when the people are done).
      const ends = new Map<string, number>();
      for (const e of fake.sent) if (/🏁/u.test(e.text ?? '')) ends.set(e.chatId, (ends.get(e.chatId) ?? 0) + 1);
      process.send!({ type: 'ends', people: ends.size, doubled: [...ends.values()].filter((n) => n > 1).length });
    } else if (msg.type === 'admin') {
      await admin(msg.adminId!, msg.commands!);
      process.send!({ type: 'admin-done' });
    } else if (msg.type === 'exit') {
      proxy.close();
      await fake.close();
      process.disconnect();
    }
  })();
});
