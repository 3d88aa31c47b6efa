import type { Logger } from 'pino';
import type { UserFromGetMe } from 'telegraf/types';
import type { ChannelContext } from '../context.ts';
import type { TelegramApi } from './api.ts';
import { NO_RETRY } from './api.ts';

const menu = (entries: Record<string, string>) => Object.entries(entries).map(([command, description]) => ({ command, description }));

/**
 * Registers the command menus: citizens' for everyone, citizens' plus officials' in each official's own chat.
 * Nice to have: some Bot API servers lack these methods, and an official who never opened the bot has no chat yet —
 * each failure is a warning, never a reason to stop.
 */
export async function registerMenus(api: TelegramApi, adminIds: readonly string[], menus: ChannelContext['menus'], log: Logger): Promise<void> {
  const citizen = menu(menus.citizen);
  const official = menu(menus.official);
  const calls = [
    api.call('setMyCommands', { commands: citizen, scope: { type: 'default' } }, NO_RETRY).catch((err: unknown) => log.warn({ err }, 'setMyCommands (citizens) failed; continuing')),
    ...adminIds.map((id) =>
      api
        .call('setMyCommands', { commands: official, scope: { type: 'chat', chat_id: id } }, NO_RETRY)
        .catch((err: unknown) => log.warn({ err, adminId: id }, 'setMyCommands (official) failed; continuing')),
    ),
  ];
  await Promise.all(calls);
}

/**
 * The bot's identity from getMe. When the server cannot answer, the bot still serves: the id comes from the token and
 * the username from TELEGRAM_BOT_USERNAME (needed only for invite links).
 */
export async function identify(api: TelegramApi, token: string, fallbackUsername: string | undefined, log: Logger): Promise<UserFromGetMe> {
  try {
    return await api.call<UserFromGetMe>('getMe', {}, { attempts: 3, baseDelayMs: 500, maxRetryAfterMs: 5000 });
  } catch (err) {
    if (!fallbackUsername) log.warn({ err }, 'getMe failed and TELEGRAM_BOT_USERNAME is unset: invite links will not work; continuing');
    else log.warn({ err }, 'getMe failed; using TELEGRAM_BOT_USERNAME; continuing');
    return {
      id: Number(token.split(':')[0]) || 0,
      is_bot: true,
      first_name: fallbackUsername ?? 'bot',
      username: fallbackUsername ?? 'bot',
      can_join_groups: false,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
    };
  }
}
