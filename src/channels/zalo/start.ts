import { inboxSettings, type ChannelContext } from '../context.ts';
import { EnvError } from '../../config/env.ts';
import type { ChatChannel } from '../../contract/channel.ts';
import type { JoinAddresses } from '../../contract/messages.ts';
import type { Downloads } from '../../http/downloads.ts';
import type { AppHttpServer } from '../../http/server.ts';
import { createZaloChannel } from './channel.ts';
import { createZaloInbox } from './bot.ts';
import { createZaloClient } from './client.ts';
import { startZaloPolling } from './polling.ts';
import { pollingLeaseSettings, startLeasedPolling } from '../polling-lease.ts';
import { pollingLeaseKey } from '../../services/index.ts';
import { registerZaloWebhook } from './webhook.ts';
import { inboxBotKey } from '../inbox.ts';

export { createZaloChannel } from './channel.ts';
export { ZALO_CAPABILITIES } from './render.ts';

export const ZALO_WEBHOOK_PATH = '/webhooks/zalo';

export interface RunningZalo {
  mode: 'polling' | 'webhook';
  /** For reminders and announcements. */
  channel: ChatChannel;
  /** Stops receiving, finishes the updates in hand. */
  stop(): Promise<void>;
}

export interface ZaloDeps {
  http: AppHttpServer;
  downloads?: Downloads;
  /** The other channels' join addresses (the Telegram bot's @username), for the /link document. */
  joinAddresses?: JoinAddresses;
  /** Long-poll wait per getUpdates (default 30 s). */
  pollTimeoutSeconds?: number;
  /** Per-request timeout of the Zalo client (default 10 s; getUpdates waits its long poll on top). */
  apiTimeoutMs?: number;
}

/**
 * Starts the Zalo channel (Zalo Bot Platform): webhook mode when ZALO_WEBHOOK_URL is set (setWebhook at start, route
 * `POST /webhooks/zalo` on the app's HTTP server), getUpdates polling otherwise (development).
 */
export async function startZalo(app: ChannelContext, deps: ZaloDeps): Promise<RunningZalo> {
  const env = app.config;
  const log = app.log.child({ channel: 'zalo' });
  const { client, channel } = zaloParts(app, deps.downloads, deps.apiTimeoutMs);
  const inbox = createZaloInbox({ bot: inboxBotKey(env.ZALO_BOT_TOKEN!, env.ZALO_API_URL), adminIds: app.config.ADMIN_ZALO_IDS, ...(app.config.ZALO_BOT_LINK ? { botLink: app.config.ZALO_BOT_LINK } : {}), ...(deps.joinAddresses ? { joinAddresses: deps.joinAddresses } : {}), log, services: app.services, conversationFor: app.conversationFor, now: app.now, ...inboxSettings(app.config), health: app.health }, channel);
  await inbox.sweep();
  const me = await client.getMe().catch((err: unknown) => log.warn({ err: (err as Error).message }, 'zalo getMe failed; continuing'));
  const onUpdate = (u: unknown) => inbox.receive(u);

  if (env.ZALO_WEBHOOK_URL) {
    const secret = env.ZALO_WEBHOOK_SECRET;
    if (!secret || secret.length < 8 || secret.length > 256) {
      throw new EnvError('ZALO_WEBHOOK_SECRET: bắt buộc khi dùng webhook, 8–256 ký tự / required in webhook mode, 8–256 characters');
    }
    registerZaloWebhook(deps.http.fastify, { path: ZALO_WEBHOOK_PATH, secret, onUpdate, log });
    await client.setWebhook(env.ZALO_WEBHOOK_URL, secret);
    log.info({ bot: me?.id }, 'Zalo bot started (webhook)');
    return { mode: 'webhook', channel, stop: () => inbox.stop() };
  }
  // One process polls per token: the holder of the token's lease.
  const polling = await startLeasedPolling({
    leases: app.services.pollingLeases,
    key: pollingLeaseKey('zalo', env.ZALO_BOT_TOKEN!),
    settings: pollingLeaseSettings(env),
    log,
    start: () => startZaloPolling(client, onUpdate, log, deps.pollTimeoutSeconds),
  });
  log.info({ bot: me?.id, polling: polling.polling }, 'Zalo bot started (getUpdates polling)');
  return {
    mode: 'polling',
    channel,
    stop: async () => {
      await polling.stop();
      await inbox.stop();
    },
  };
}

function zaloParts(app: Pick<ChannelContext, 'config' | 'services' | 'log' | 'now'>, downloads?: Downloads, timeoutMs?: number) {
  const env = app.config;
  if (!env.ZALO_BOT_TOKEN) throw new EnvError('ZALO_BOT_TOKEN: chưa đặt / not set');
  const client = createZaloClient({ apiUrl: env.ZALO_API_URL, token: env.ZALO_BOT_TOKEN, ...(timeoutMs ? { timeoutMs } : {}) });
  const channel = createZaloChannel({
    client,
    intake: app.services.intake,
    log: app.log.child({ channel: 'zalo' }),
    adminIds: env.ADMIN_ZALO_IDS,
    now: app.now,
    quotaBackoffMs: env.ZALO_QUOTA_BACKOFF_SECONDS * 1000,
    ...(env.ZALO_BOT_LINK ? { botLink: env.ZALO_BOT_LINK } : {}),
    ...(downloads ? { publish: downloads.publish } : {}),
  });
  return { client, channel };
}

/** The Zalo channel for sending only (a reminders worker process). */
export function zaloSender(app: Pick<ChannelContext, 'config' | 'services' | 'log' | 'now'>): ChatChannel {
  return zaloParts(app).channel;
}
