import { afterEach, beforeEach } from 'vitest';
import { channelContext, createApp, type App } from '../../src/app.ts';
import { startTelegram, type RunningTelegram } from '../../src/channels/telegram/start.ts';
import { startZalo, ZALO_WEBHOOK_PATH, type RunningZalo } from '../../src/channels/zalo/start.ts';
import { envSchema } from '../../src/config/env.ts';
import { seededRandom } from '../../src/core/random.ts';
import { createDownloads } from '../../src/http/downloads.ts';
import { createHttpServer, type AppHttpServer } from '../../src/http/server.ts';
import type { FakeTelegram } from '../support/fake-telegram/index.ts';
import { startFakeZalo, type FakeZalo } from '../support/fake-zalo.ts';
import { freePort } from './http.ts';
import { openCampaignEnv, telegramEnv, tempDir, testLog } from './telegram.ts';
import { TEST_IDENTITY_HASH_KEY } from './app.ts';
import { testDatabaseUrl } from './db.ts';
import { waitFor } from './wait.ts';

export const ZALO_ADMIN = 'a1b2c3d4e5f6a7b8c9d0';
export const ZALO_SECRET = 'zalo-webhook-secret-123';

export interface ZaloTestBot {
  app: App;
  http: AppHttpServer;
  port: number;
  zalo: RunningZalo;
  telegram?: RunningTelegram;
  stop(): Promise<void>;
}

/**
 * The real app with the Zalo channel in webhook mode on its own HTTP server (the same factories main.ts uses),
 * against the fake Zalo Bot API; with `telegram`, the Telegram channel too, sharing one database.
 */
export async function startZaloTestBot(
  fake: FakeZalo,
  dir: string,
  opts: { telegram?: FakeTelegram; env?: Record<string, string>; logs?: string[]; zalo?: { pollTimeoutSeconds?: number; apiTimeoutMs?: number } } = {},
): Promise<ZaloTestBot> {
  const log = testLog(opts.logs);
  const port = await freePort();
  // /healthz reports the app's storage incidents, as in main.ts (the app is made after the server).
  let made: App | undefined;
  const http = createHttpServer({ port, host: '127.0.0.1', log, health: () => made?.health.check() ?? { ok: true } });
  const base = opts.telegram ? telegramEnv(opts.telegram, dir) : { DATABASE_URL: testDatabaseUrl(dir, 'bot.sqlite'), DEMO: 'off', LOG_LEVEL: 'silent', ...openCampaignEnv() };
  const env = envSchema.parse({
    ...base,
    ZALO_BOT_TOKEN: fake.token,
    IDENTITY_HASH_KEY: TEST_IDENTITY_HASH_KEY,
    ZALO_API_URL: fake.url,
    ZALO_WEBHOOK_URL: `http://127.0.0.1:${port}${ZALO_WEBHOOK_PATH}`,
    ZALO_WEBHOOK_SECRET: ZALO_SECRET,
    ADMIN_ZALO_IDS: ZALO_ADMIN,
    ...opts.env,
  });
  const app = await createApp(env, { random: seededRandom(5), log });
  made = app;
  const downloads = createDownloads({ store: app.services.downloads, secret: 'test-secret', baseUrl: `http://127.0.0.1:${port}`, ttlMs: 60_000, now: app.deps.now });
  downloads.register(http.fastify);
  const { joinAddresses } = app.channels;
  const telegram = opts.telegram ? await startTelegram(channelContext(app), { http, pollTimeoutSeconds: 1, joinAddresses }) : undefined;
  const zalo = await startZalo(channelContext(app), { http, downloads, joinAddresses: { ...joinAddresses, ...(telegram ? { telegramUsername: telegram.username } : {}) }, ...opts.zalo });
  await http.listen();
  return {
    app,
    http,
    port,
    zalo,
    ...(telegram ? { telegram } : {}),
    async stop() {
      await http.close();
      await telegram?.stop();
      await zalo.stop();
      await app.close();
    },
  };
}

/** Waits until the bot's messages to `chatId` (joined) match `pattern`; returns the transcript after `from` messages. */
export async function zaloSays(fake: FakeZalo, chatId: string, pattern: RegExp, from = 0, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = (fake.sent.get(chatId) ?? []).slice(from).join('\n');
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern} in Zalo chat ${chatId}; got:\n${text.slice(-500)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The photos the bot sent `chatId` by URL (Zalo's sendPhoto), once `count` have been sent: each fetched back. */
export async function zaloPhotos(fake: FakeZalo, chatId: string, count = 1): Promise<{ url: string; type: string | null; bytes: Buffer }[]> {
  const calls = await waitFor(`${count} photo(s) sent to Zalo chat ${chatId}`, () => {
    const photos = fake.calls.filter((c) => c.method === 'sendPhoto' && c.body.chat_id === chatId);
    return photos.length >= count ? photos : null;
  });
  return Promise.all(
    calls.map(async (c) => {
      const res = await fetch(String(c.body.photo));
      return { url: String(c.body.photo), type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
    }),
  );
}

/**
 * A Zalo user typing to the bot through webhook deliveries (or, `polling`, through getUpdates); `say` waits for a reply
 * matching `expect`, `send` only hands the message over.
 */
export function zaloUser(fake: FakeZalo, id: string, displayName?: string, via: 'webhook' | 'polling' = 'webhook') {
  const send = async (text: string): Promise<void> => {
    const update = fake.makeUpdate(id, text, 'message.text.received', displayName);
    if (via === 'polling') return fake.push(update);
    const status = await fake.deliver(update);
    if (status !== 200) throw new Error(`webhook answered ${status}`);
  };
  return {
    id,
    send,
    async say(text: string, expect: RegExp): Promise<string> {
      const from = fake.sent.get(id)?.length ?? 0;
      await send(text);
      return zaloSays(fake, id, expect, from);
    },
  };
}

/** Registers a Zalo user by typing: consent, commune (a name or number), no agency, the name, no phone. */
export async function registerOnZalo(fake: FakeZalo, id: string, commune: string, name: string, via: 'webhook' | 'polling' = 'webhook') {
  const u = zaloUser(fake, id, 'Mai Zalo', via);
  await u.say('/start', /Nghị định 13\/2023/u);
  await u.say('1', /xã, thị trấn nào\?[\s\S]*1\. Thị trấn Bắc Sơn/u);
  await u.say(commune, /Bạn chọn .+\?\n\n1\. Đúng\n0\. Chọn lại/u);
  await u.say('1', /hãy chọn đơn vị đó[\s\S]*0\. Bỏ qua/u);
  await u.say('0', /họ và tên đầy đủ[\s\S]*1\. Dùng tên: Mai Zalo/u);
  await u.say(name, /gõ 0 để bỏ qua/u);
  await u.say('0', /Đăng ký thành công/u);
  return u;
}

/** Per test: a temporary folder, a fresh fake Zalo, and the bot the test puts in `bot` — stopped and removed after it. */
export function useZaloFixture(prefix = 'cds-zalo-') {
  const fixture = {} as { dir: ReturnType<typeof tempDir>; fake: FakeZalo; bot: ZaloTestBot | undefined };
  beforeEach(async () => {
    fixture.dir = tempDir(prefix);
    fixture.fake = await startFakeZalo();
    fixture.bot = undefined;
  });
  afterEach(async () => {
    await fixture.bot?.stop();
    await fixture.fake.close();
    fixture.dir.remove();
  });
  return fixture;
}
