import { DEFAULT_CHANNEL_RATE } from '../../core/reminder-slots.ts';
import type { ChannelModule } from '../module.ts';

/**
 * Zalo (Zalo Bot Platform): on when ZALO_BOT_TOKEN is set; district officials ADMIN_ZALO_IDS; links carry no payload,
 * so people open the bot's address (ZALO_BOT_LINK) and type the code. Files go as download links.
 */
export const zalo: ChannelModule = {
  name: 'zalo',
  enabled: (env) => env.ZALO_BOT_TOKEN !== undefined,
  officialIds: (env) => env.ADMIN_ZALO_IDS,
  sendRate: { ...DEFAULT_CHANNEL_RATE, perSecond: 10 },
  joinAddress: (env) => (env.ZALO_BOT_LINK ? { zaloLink: env.ZALO_BOT_LINK } : {}),
  async start(ctx, deps) {
    const { startZalo } = await import('./start.ts');
    const origin = ctx.config.ZALO_WEBHOOK_URL ? new URL(ctx.config.ZALO_WEBHOOK_URL).origin : undefined;
    const running = await startZalo(ctx, { http: deps.http, downloads: deps.downloads(origin), joinAddresses: deps.joinAddresses });
    return { channel: running.channel, joinAddress: {}, stop: () => running.stop() };
  },
  async sender(ctx) {
    const { zaloSender } = await import('./start.ts');
    return zaloSender(ctx);
  },
};
