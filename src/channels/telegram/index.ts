import { DEFAULT_CHANNEL_RATE } from '../../core/reminder-slots.ts';
import type { ChannelModule } from '../module.ts';

/**
 * Telegram (Bot API): on when TELEGRAM_BOT_TOKEN is set; district officials ADMIN_TELEGRAM_IDS; deep links carry the
 * unit (t.me/<username>?start=u-…). Its code (telegraf, the Bot API client) is loaded only when it starts or sends.
 */
export const telegram: ChannelModule = {
  name: 'telegram',
  enabled: (env) => env.TELEGRAM_BOT_TOKEN !== undefined,
  officialIds: (env) => env.ADMIN_TELEGRAM_IDS,
  // Telegram's documented ceiling is about 30 messages a second for a bot.
  sendRate: { ...DEFAULT_CHANNEL_RATE, perSecond: 25 },
  joinAddress: (env) => (env.TELEGRAM_BOT_USERNAME ? { telegramUsername: env.TELEGRAM_BOT_USERNAME } : {}),
  async start(ctx, deps) {
    const { startTelegram } = await import('./start.ts');
    const running = await startTelegram(ctx, { http: deps.http, joinAddresses: deps.joinAddresses });
    return { channel: running.channel, joinAddress: { telegramUsername: running.username }, stop: () => running.stop() };
  },
  async sender(ctx) {
    const { telegramSender } = await import('./start.ts');
    return telegramSender(ctx);
  },
};
