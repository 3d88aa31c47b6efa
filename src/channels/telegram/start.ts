import type { Env } from '../../config/env.ts';
import { inboxSettings, type ChannelContext } from '../context.ts';
import { EnvError } from '../../config/env.ts';
import type { ChatChannel } from '../../contract/channel.ts';
import type { JoinAddresses } from '../../contract/messages.ts';
import type { AppHttpServer } from '../../http/server.ts';
import { createTelegramBot, type TelegramBot } from './bot.ts';
import { createTelegramChannel } from './channel.ts';
import { identify, registerMenus } from './menus.ts';
import { ALLOWED_UPDATES, startPolling } from './polling.ts';
import { pollingLeaseSettings, startLeasedPolling } from '../polling-lease.ts';
import { pollingLeaseKey } from '../../services/index.ts';
import { createTelegramApi, type RetryPolicy } from './api.ts';
import { Telegram } from 'telegraf';
import { registerTelegramWebhook } from './webhook.ts';

export { createTelegramChannel } from './channel.ts';
export { createTelegramApi, NO_RETRY, REPLY_RETRY, type RetryPolicy, type TelegramApi } from './api.ts';
export { TELEGRAM_CAPABILITIES } from './render.ts';
export { deepLink } from './inbound.ts';
export type { TelegramBot } from './bot.ts';

export interface TelegramDeps {
  /** The app's HTTP server: the webhook route is registered on it (the caller listens). */
  http: AppHttpServer;
  /** Long-poll wait per getUpdates, seconds (default 25; tests use less so that stopping is quick). */
  pollTimeoutSeconds?: number;
  /** Retry policy for replies (default REPLY_RETRY); tests shorten the backoff. */
  retry?: RetryPolicy;
  /** The other channels' join addresses (Zalo's address), for the /link document. */
  joinAddresses?: JoinAddresses;
}

export interface RunningTelegram {
  mode: 'polling' | 'webhook';
  username: string;
  /** For reminders and announcements. */
  channel: ChatChannel;
  bot: TelegramBot;
  /** Stops receiving, finishes the updates in hand. Does not close the database (the app does). */
  stop(): Promise<void>;
}

const SECRET_FORMAT = /^[A-Za-z0-9_-]{1,256}$/u;

/** Webhook settings from the environment; throws EnvError naming what is wrong. */
function webhookConfig(env: Env): { url: URL; secret: string } | undefined {
  const { TELEGRAM_WEBHOOK_URL: raw, TELEGRAM_WEBHOOK_SECRET: secret } = env;
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EnvError(`TELEGRAM_WEBHOOK_URL: không phải URL hợp lệ / not a valid URL: ${raw}`);
  }
  if (!secret || !SECRET_FORMAT.test(secret)) {
    throw new EnvError('TELEGRAM_WEBHOOK_SECRET: bắt buộc khi dùng webhook, 1–256 ký tự A–Z a–z 0–9 _ - / required in webhook mode (1–256 of A-Z a-z 0-9 _ -)');
  }
  return { url, secret };
}

/**
 * Starts the Telegram channel for `app`: identifies the bot (getMe, optional), registers command menus (optional),
 * then receives updates by webhook when TELEGRAM_WEBHOOK_URL is set (route on the app's HTTP server, the URL's path)
 * or by long polling otherwise.
 */
export async function startTelegram(app: ChannelContext, deps: TelegramDeps): Promise<RunningTelegram> {
  const { config: env, log: appLog } = app;
  const token = env.TELEGRAM_BOT_TOKEN;
  if (!token) throw new EnvError('TELEGRAM_BOT_TOKEN: chưa đặt / not set');
  const log = appLog.child({ channel: 'telegram' });
  const hook = webhookConfig(env);
  const adminIds = env.ADMIN_TELEGRAM_IDS;
  const tg = createTelegramBot({
    token,
    apiRoot: env.TELEGRAM_API_ROOT,
    services: app.services,
    conversationFor: app.conversationFor,
    now: app.now,
    ...inboxSettings(env),
    health: app.health,
    log,
    adminIds: new Set(adminIds),
    ...(deps.joinAddresses ? { joinAddresses: deps.joinAddresses } : {}),
    ...(deps.retry ? { retry: deps.retry } : {}),
  });
  tg.setBotInfo(await identify(tg.api, token, env.TELEGRAM_BOT_USERNAME, log));
  const unitOfficials = (await app.services.officials.list()).filter((o) => o.channel === 'telegram').map((o) => o.accountId);
  await registerMenus(tg.api, { district: adminIds, unit: unitOfficials.filter((id) => !adminIds.includes(id)) }, app.menus, log);
  const channel = createTelegramChannel(tg.api, app.services.intake);

  if (hook) {
    registerTelegramWebhook(deps.http.fastify, { path: hook.url.pathname, secret: hook.secret, dispatch: tg.receive, log });
    await tg.inbox.sweep();
    await tg.api.call('setWebhook', { url: hook.url.href, secret_token: hook.secret, allowed_updates: ALLOWED_UPDATES });
    log.info({ username: tg.username, path: hook.url.pathname }, 'Telegram bot started (webhook)');
    return { mode: 'webhook', username: tg.username, channel, bot: tg, stop: () => tg.inbox.stop() };
  }

  // A webhook left over from an earlier run would make getUpdates fail with 409.
  await tg.api.call('deleteWebhook', { drop_pending_updates: false }).catch((err: unknown) => log.warn({ err }, 'deleteWebhook failed; continuing'));
  await tg.inbox.sweep();
  // One process polls per token (Telegram answers 409 to a second one): the holder of the token's lease.
  const polling = await startLeasedPolling({
    leases: app.services.pollingLeases,
    key: pollingLeaseKey('telegram', token),
    settings: pollingLeaseSettings(env),
    log,
    start: () => startPolling({ api: tg.api, dispatch: tg.receive, log, ...(deps.pollTimeoutSeconds !== undefined ? { timeoutSeconds: deps.pollTimeoutSeconds } : {}) }),
  });
  log.info({ username: tg.username, polling: polling.polling }, 'Telegram bot started (long polling)');
  return {
    mode: 'polling',
    username: tg.username,
    channel,
    bot: tg,
    stop: async () => {
      await polling.stop();
      await tg.inbox.stop();
    },
  };
}

/** Telegram for sending only (a reminders worker process): no polling, no webhook, no menus. */
export function telegramSender(app: Pick<ChannelContext, 'config' | 'services'>): ChatChannel {
  const token = app.config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new EnvError('TELEGRAM_BOT_TOKEN: chưa đặt / not set');
  const telegram = new Telegram(token, { apiRoot: app.config.TELEGRAM_API_ROOT, webhookReply: false });
  return createTelegramChannel(createTelegramApi(telegram), app.services.intake);
}
