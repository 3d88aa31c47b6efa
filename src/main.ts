import { join } from 'node:path';
import type { Logger } from 'pino';
import { channelContext, createApp, createLogger, type App } from './app.ts';
import { startTelegram, telegramSender } from './channels/telegram/index.ts';
import { runTerminalChat } from './channels/terminal/index.ts';
import { FileValidationError } from './config/yaml-file.ts';
import { checkSharedKeys, EnvError, hasNoChannelToken, loadEnv, sharedKey } from './config/env.ts';
import { createHttpServer, type AppHttpServer } from './http/server.ts';
import { createDownloads, type Downloads } from './http/downloads.ts';
import { registerWeb } from './web/index.ts';
import { webContext } from './web/context.ts';
import { startZalo, zaloSender } from './channels/zalo/index.ts';
import type { ChatChannel } from './contract/channel.ts';
import { createReminderQueue, roleFrom, startReminders } from './reminders/runtime.ts';
import { redactDatabaseUrl } from './storage/db.ts';

const TOKEN_HINT = [
  '────────────────────────────────────────────────────────────',
  ' cds-quizbot — trò chuyện cục bộ / local chat',
  ' Chưa cấu hình token Telegram/Zalo nên bot chạy ngay trong terminal.',
  ' No Telegram/Zalo token configured: the bot runs here, in the terminal.',
  ' To connect Telegram: put TELEGRAM_BOT_TOKEN=<token from @BotFather> in .env',
  ' To connect Zalo:     put ZALO_BOT_TOKEN=<token> in .env (see README).',
  ' Gõ /admin để chuyển sang cán bộ quản lý; Ctrl-D hoặc Ctrl-C để thoát.',
  '────────────────────────────────────────────────────────────',
].join('\n');

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const env = loadEnv();
  const role = roleFrom(args, env.ROLE);
  const chat = args.includes('--chat') || (hasNoChannelToken(env) && role !== 'worker');
  if (chat) {
    const app = await createApp(env, { chat });
    const web = await startLocalWeb(app);
    const banner = `${TOKEN_HINT}\n ${app.campaign.title}\n Cơ sở dữ liệu / database: ${redactDatabaseUrl(app.databasePath)}\n ${web.line}`;
    // Files the local chat sends (/xuat, /khenthuong, /link) go to the data folder, next to the database.
    await runTerminalChat(app.conversation, { input: process.stdin, output: process.stdout, banner, filesDir: join(env.DATA_DIR, 'exports') });
    await web.close();
    await app.close();
    return;
  }
  checkSharedKeys(env);
  // The reminder queue comes first: officials' confirmations in the bot kick runs through it.
  const log = createLogger(env);
  const stopping = onStopSignal(log);
  const channelNames = [env.TELEGRAM_BOT_TOKEN ? 'telegram' : undefined, env.ZALO_BOT_TOKEN ? 'zalo' : undefined].filter((c): c is string => c !== undefined);
  const queue = createReminderQueue({ redisUrl: env.REDIS_URL, prefix: env.BULLMQ_PREFIX, worker: role !== 'bot', channels: channelNames, log });
  stopping.add(() => queue.close());
  const app = await createApp(env, { log, reminderQueue: queue });
  stopping.add(() => app.close());
  if (role === 'worker') {
    // A worker only sends reminders: send-only channels, no receiving, no HTTP server.
    const reminders = startReminders(app, senders(app), { role, queue });
    stopping.add(() => reminders.close());
    return;
  }
  const http = createHttpServer({ port: env.PORT, log: app.log, trustProxy: env.TRUST_PROXY, health: () => app.health.status() });
  const telegram = env.TELEGRAM_BOT_TOKEN ? await startTelegram(channelContext(app), { http }) : undefined;
  if (telegram) stopping.add(() => telegram.stop());
  const zalo = env.ZALO_BOT_TOKEN ? await startZalo(channelContext(app), { http, downloads: downloadsFor(app, http), ...(telegram ? { telegramUsername: telegram.username } : {}) }) : undefined;
  if (zalo) stopping.add(() => zalo.stop());
  const channels = [telegram?.channel, zalo?.channel].filter((c): c is ChatChannel => c !== undefined);
  const reminders = startReminders(app, channels, { role, queue });
  stopping.add(() => reminders.close());
  await registerWeb(http.fastify, webContext(app, { ...(telegram ? { telegramUsername: telegram.username } : {}), port: env.PORT }));
  const port = await http.listen();
  stopping.add(() => http.close());
  app.log.info({ url: env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${port}` }, 'web pages served');
}

/**
 * The public web pages next to the local chat, on 127.0.0.1:PORT. When the port is taken the chat still runs; the
 * banner says why there is no web.
 */
async function startLocalWeb(app: App): Promise<{ line: string; close: () => Promise<void> }> {
  const { env } = app;
  const http = createHttpServer({ port: env.PORT, host: '127.0.0.1', log: app.log, trustProxy: env.TRUST_PROXY });
  await registerWeb(http.fastify, webContext(app, { port: env.PORT }));
  try {
    const port = await http.listen();
    return { line: `Trang web / web pages: ${env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${port}`}`, close: () => http.close() };
  } catch (err) {
    await http.close();
    return { line: `Không mở được trang web / web pages not started (PORT=${env.PORT}): ${(err as Error).message}`, close: async () => {} };
  }
}

function senders(app: App): ChatChannel[] {
  return [app.env.TELEGRAM_BOT_TOKEN ? telegramSender(channelContext(app)) : undefined, app.env.ZALO_BOT_TOKEN ? zaloSender(channelContext(app)) : undefined].filter(
    (c): c is ChatChannel => c !== undefined,
  );
}

/** Signed download links on the app's HTTP server, for channels that cannot send files (Zalo's /xuat). */
function downloadsFor(app: App, http: AppHttpServer): Downloads {
  const { env } = app;
  const baseUrl = env.PUBLIC_BASE_URL ?? (env.ZALO_WEBHOOK_URL ? new URL(env.ZALO_WEBHOOK_URL).origin : `http://127.0.0.1:${env.PORT}`);
  const downloads = createDownloads({
    store: app.services.downloads,
    secret: sharedKey(env, 'DOWNLOAD_SECRET'),
    baseUrl,
    ttlMs: env.DOWNLOAD_TTL_MINUTES * 60_000,
    now: app.now,
    onWriteError: (err) => app.log.error({ err }, 'download not stored'),
  });
  downloads.register(http.fastify);
  return downloads;
}

/**
 * SIGINT/SIGTERM, from the first moment: stop what was started, newest first (receiving stops before the database
 * closes), then exit. A stop that hangs (Redis unreachable, a platform that does not answer) is cut after 18 s; a
 * second signal exits at once.
 */
function onStopSignal(log: Logger): { add(close: () => Promise<unknown>): void } {
  const closers: (() => Promise<unknown>)[] = [];
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, 'stopping');
    setTimeout(() => {
      log.error('stopping took longer than 18 s; exiting');
      process.exit(1);
    }, 18_000).unref();
    void (async () => {
      for (const close of closers.reverse()) {
        await close().catch((err: unknown) => {
          log.error({ err }, 'stopping failed');
          process.exitCode = 1;
        });
      }
      log.info('stopped');
      // Open handles (a reconnecting Redis client) must not keep a stopped process alive.
      setImmediate(() => process.exit());
    })();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return { add: (close) => void closers.push(close) };
}

main().catch((err: unknown) => {
  if (err instanceof FileValidationError || err instanceof EnvError) {
    console.error(`\n✗ ${err.message}\n\nBot không khởi động được: hãy sửa các lỗi trên. / The bot did not start: fix the problems above.`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
