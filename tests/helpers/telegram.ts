import pino from 'pino';
import { channelContext, createApp, type App } from '../../src/app.ts';
import { startTelegram, type RetryPolicy, type RunningTelegram } from '../../src/channels/telegram/start.ts';
import { envSchema } from '../../src/config/env.ts';
import { seededRandom } from '../../src/core/random.ts';
import { OPTION_LETTERS } from '../../src/messages/vi.ts';
import { createHttpServer, type AppHttpServer } from '../../src/http/server.ts';
import { webContext } from '../../src/web/context.ts';
import { registerWeb } from '../../src/web/index.ts';
import { afterEach, beforeEach } from 'vitest';
import { startFakeTelegram, type FakeMessage, type FakeTelegram, type FakeUser } from '../support/fake-telegram/index.ts';
import { TEST_DOWNLOAD_SECRET, TEST_IDENTITY_HASH_KEY, tempDir } from './app.ts';
import { testDatabaseUrl } from './db.ts';
import { freePort } from './http.ts';

export const ADMIN_ID = 900_001;

/** A campaign rehearsal that is open now: closing in 10 days puts today inside a round. */
export function openCampaignEnv(): Record<string, string> {
  return { CONTEST_CLOSES_AT: new Date(Date.now() + 10 * 86_400_000).toISOString().replace('Z', '+00:00') };
}

export { tempDir } from './app.ts';

/** The environment a test bot runs with: its own database, the fake as API root, one official. */
export function telegramEnv(fake: FakeTelegram, dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: testDatabaseUrl(dir, 'bot.sqlite'),
    DEMO: 'off',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '0',
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.url,
    IDENTITY_HASH_KEY: TEST_IDENTITY_HASH_KEY,
    DOWNLOAD_SECRET: TEST_DOWNLOAD_SECRET,
    ADMIN_TELEGRAM_IDS: String(ADMIN_ID),
    ...openCampaignEnv(),
    ...extra,
  };
}

export interface TestBot {
  app: App;
  http: AppHttpServer;
  telegram: RunningTelegram;
  port: number;
  stop(): Promise<void>;
}

export interface TestBotOptions {
  env?: Record<string, string>;
  seed?: number;
  /** Webhook mode on the test's own HTTP server, with this secret. */
  webhookSecret?: string;
  /** Collects every log line (JSON) at debug level. */
  logs?: string[];
  /** The app's clock (default real time). */
  now?: () => number;
  /** The web pages and the officials' dashboard on the same server, at PUBLIC_BASE_URL http://127.0.0.1:<port>. */
  web?: boolean;
  /** How hard each Bot API call of a reply tries (default 4 tries, short backoff); one try leaves retries to the inbox. */
  retry?: RetryPolicy;
}

/** The test app's logger: silent (or TEST_LOG_LEVEL), or every line at debug level into `logs`. */
export function testLog(logs?: string[]) {
  return logs ? pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) }) : pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
}

export const WEBHOOK_PATH = '/telegram/webhook';

/** The real app and Telegram channel (the same factories main.ts uses) against the fake, in this process. */
export async function startTestBot(fake: FakeTelegram, dir: string, options: TestBotOptions = {}): Promise<TestBot> {
  const log = testLog(options.logs);
  // The port first: in webhook mode the URL given to Telegram carries it.
  const port = await freePort();
  // /healthz reports the app's storage incidents, as in main.ts (the app is made after the server).
  let made: App | undefined;
  const http = createHttpServer({ port, host: '127.0.0.1', log, health: () => made?.health.check() ?? { ok: true } });
  const hook: Record<string, string> = options.webhookSecret
    ? { TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}${WEBHOOK_PATH}`, TELEGRAM_WEBHOOK_SECRET: options.webhookSecret }
    : {};
  const web: Record<string, string> = options.web ? { PUBLIC_BASE_URL: `http://127.0.0.1:${port}` } : {};
  const env = envSchema.parse(telegramEnv(fake, dir, { ...hook, ...web, ...options.env }));
  const app = await createApp(env, { random: seededRandom(options.seed ?? 7), log, ...(options.now ? { now: options.now } : {}) });
  made = app;
  const telegram = await startTelegram(channelContext(app), { http, pollTimeoutSeconds: 1, joinAddresses: app.channels.joinAddresses, retry: options.retry ?? { attempts: 4, baseDelayMs: 20, maxRetryAfterMs: 5000 } });
  if (options.web) await registerWeb(http.fastify, webContext(app, { joinAddresses: { telegramUsername: telegram.username }, port }));
  await http.listen();
  return {
    app,
    http,
    telegram,
    port,
    async stop() {
      await http.close();
      await telegram.stop();
      await app.close();
    },
  };
}

/** Per test: a temporary folder, a fresh fake Telegram, and the bot the test puts in `bot` — stopped and removed after it. */
export function useTelegramFixture() {
  const fixture = {} as { dir: ReturnType<typeof tempDir>; fake: FakeTelegram; bot: TestBot | undefined };
  beforeEach(async () => {
    fixture.dir = tempDir();
    fixture.fake = await startFakeTelegram();
    fixture.bot = undefined;
  });
  afterEach(async () => {
    await fixture.bot?.stop();
    await fixture.fake.close();
    fixture.dir.remove();
  });
  return fixture;
}

/** A bot message newer than `afterId` whose text (or caption) matches. */
export async function botSays(fake: FakeTelegram, user: FakeUser, pattern: RegExp, afterId = 0, timeoutMs = 20_000): Promise<FakeMessage> {
  return fake.waitFor(
    () => user.botMessages().find((m) => m.message_id > afterId && pattern.test(m.text ?? m.caption ?? '')),
    { timeoutMs, what: `bot message ${pattern} in chat ${user.chatId}` },
  );
}

/** The newest message id in the chat (anything later is a reply). */
export function mark(user: FakeUser): number {
  return user.messages().at(-1)?.message_id ?? 0;
}

/** Sends text and waits for a reply matching `pattern`. */
export async function sayAndExpect(fake: FakeTelegram, user: FakeUser, text: string, pattern: RegExp): Promise<FakeMessage> {
  const after = mark(user);
  user.send(text);
  return botSays(fake, user, pattern, after);
}

/** Taps a button and waits for a reply matching `pattern`. */
export async function tapAndExpect(fake: FakeTelegram, user: FakeUser, label: string | RegExp, pattern: RegExp): Promise<FakeMessage> {
  const after = mark(user);
  user.tap(label);
  return botSays(fake, user, pattern, after);
}

/** Registers through the buttons: consent, commune, "Bỏ qua" for the agency, the typed name, "Bỏ qua" for the phone. */
export async function registerByTaps(fake: FakeTelegram, user: FakeUser, commune: string, name: string, start = '/start'): Promise<void> {
  await sayAndExpect(fake, user, start, /Nghị định 13\/2023/u);
  await tapAndExpect(fake, user, 'Tôi đồng ý', /xã, thị trấn nào/u);
  await tapAndExpect(fake, user, commune, /cơ quan, đơn vị, tổ chức/u);
  await tapAndExpect(fake, user, 'Bỏ qua', /họ và tên đầy đủ/u);
  await sayAndExpect(fake, user, name, /số điện thoại/u);
  await sayAndExpect(fake, user, 'Bỏ qua', /Đăng ký thành công/u);
}

/** The question a "Câu n/N" message shows, its options' letters, and which one is right (from the bank). */
export function readQuestion(app: App, message: FakeMessage): { n: number; total: number; correct: string; wrong: string; labels: string[] } {
  const text = message.text ?? '';
  const [, n, total] = /^Câu (\d+)\/(\d+)/u.exec(text) ?? [];
  const question = app.bank.questions.find((q) => text.includes(`\n${q.text}\n`));
  if (!question || !n || !total) throw new Error(`not a question message: ${text.slice(0, 80)}`);
  const shown = text.split('\n').filter((l) => /^[A-F]\. /u.test(l)).map((l) => l.slice(3));
  const correctIndex = shown.indexOf(question.options[question.correct]!);
  const wrongIndex = correctIndex === 0 ? 1 : 0;
  return {
    n: Number(n),
    total: Number(total),
    correct: OPTION_LETTERS[correctIndex]!,
    wrong: OPTION_LETTERS[wrongIndex]!,
    labels: shown.map((o, i) => `${OPTION_LETTERS[i]}. ${o}`),
  };
}

/** The newest "Câu n/N" message still showing buttons. */
export function currentQuestion(user: FakeUser): FakeMessage | undefined {
  return user.botMessages().reverse().find((m) => /^Câu \d+\/\d+/u.test(m.text ?? '') && m.reply_markup?.inline_keyboard);
}
