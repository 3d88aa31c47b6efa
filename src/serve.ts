import type { Logger } from 'pino';
import { channelContext, createApp, createLogger, type App } from './app.ts';
import { CHAT_CHANNELS } from './channels/registry.ts';
import { checkSharedKeys, sharedKey, type Env } from './config/env.ts';
import type { Role } from './config/role.ts';
import type { ChatChannel } from './contract/channel.ts';
import type { JoinAddresses } from './contract/messages.ts';
import { createDownloads, type Downloads } from './http/downloads.ts';
import { createHttpServer, type AppHttpServer } from './http/server.ts';
import { createReminderQueue, startReminders } from './reminders/runtime.ts';
import { webContext } from './web/context.ts';
import { registerWeb } from './web/index.ts';

/**
 * A bot or worker process with channel tokens (`npm start` with a token, `ROLE=bot|worker|all`): the reminder queue,
 * the app, then by role the channels, the web pages and the reminder workers, each stopped on SIGINT/SIGTERM.
 */
export async function serve(env: Env, role: Role): Promise<void> {
  checkSharedKeys(env);
  // The reminder queue comes first: officials' confirmations in the bot kick runs through it.
  const log = createLogger(env);
  const stopping = onStopSignal(log);
  const enabled = CHAT_CHANNELS.filter((c) => c.enabled(env));
  const queue = createReminderQueue({ redisUrl: env.REDIS_URL, prefix: env.BULLMQ_PREFIX, worker: role !== 'bot', channels: enabled.map((c) => c.name), log });
  stopping.add(() => queue.close());
  const app = await createApp(env, { log, reminderQueue: queue });
  stopping.add(() => app.close());
  if (role === 'worker') {
    // A worker only sends reminders: send-only channels, no receiving, no HTTP server.
    const senders = await Promise.all(enabled.map((c) => c.sender(channelContext(app))));
    const reminders = startReminders(app, senders, { role, queue });
    stopping.add(() => reminders.close());
    return;
  }
  const http = createHttpServer({ port: env.PORT, host: env.HOST ?? '0.0.0.0', log: app.log, trustProxy: env.TRUST_PROXY, health: () => app.health.check() });
  // Every channel's join addresses from the environment; each started channel adds what it found out (Telegram's
  // @username), which the channels started after it and the web pages show.
  let joinAddresses: JoinAddresses = app.channels.joinAddresses;
  const downloads = downloadsOnce(app, http);
  const channels: ChatChannel[] = [];
  for (const module of enabled) {
    const running = await module.start(channelContext(app), { http, downloads, joinAddresses });
    stopping.add(() => running.stop());
    joinAddresses = { ...joinAddresses, ...running.joinAddress };
    channels.push(running.channel);
  }
  const reminders = startReminders(app, channels, { role, queue });
  stopping.add(() => reminders.close());
  await registerWeb(http.fastify, webContext(app, { joinAddresses, port: env.PORT }));
  const port = await http.listen();
  stopping.add(() => http.close());
  app.log.info({ url: env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${port}`, host: env.HOST ?? '0.0.0.0', port }, 'web pages served');
}

/**
 * Signed download links on the app's HTTP server, for channels that cannot send files (Zalo's /xuat): the route is
 * registered when a channel first asks. The links' address: PUBLIC_BASE_URL, else the asking channel's (its webhook's
 * origin), else this machine's port.
 */
function downloadsOnce(app: App, http: AppHttpServer): (fallbackBaseUrl?: string) => Downloads {
  let made: Downloads | undefined;
  return (fallbackBaseUrl) => (made ??= downloadsFor(app, http, fallbackBaseUrl));
}

function downloadsFor(app: App, http: AppHttpServer, fallbackBaseUrl: string | undefined): Downloads {
  const { env } = app;
  const baseUrl = env.PUBLIC_BASE_URL ?? fallbackBaseUrl ?? `http://127.0.0.1:${env.PORT}`;
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
    // A signal handler cannot wait: the closers run in order in the background, each failure logged and kept as the exit code.
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
