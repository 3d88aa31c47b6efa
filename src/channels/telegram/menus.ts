import type { Logger } from 'pino';
import type { UserFromGetMe } from 'telegraf/types';
import type { CommandMenu } from '../../contract/commands.ts';
import type { ChannelContext } from '../context.ts';
import type { TelegramApi } from './api.ts';
import { NO_RETRY } from './api.ts';

const menu = (entries: CommandMenu) => Object.entries(entries).flatMap(([command, description]) => (description === undefined ? [] : [{ command, description }]));

/**
 * Registers the command menus: citizens' for everyone, citizens' plus their role's in each official's own chat
 * (unit officials granted at start; one granted later gets the menu at the next start, and the help text at once).
 * Nice to have: some Bot API servers lack these methods, and an official who never opened the bot has no chat yet —
 * each failure is a warning, never a reason to stop.
 */
export async function registerMenus(api: TelegramApi, officials: { district: readonly string[]; unit: readonly string[] }, menus: ChannelContext['menus'], log: Logger): Promise<void> {
  const forChats = (ids: readonly string[], entries: CommandMenu) =>
    ids.map((id) =>
      api
        .call('setMyCommands', { commands: menu(entries), scope: { type: 'chat', chat_id: id } }, NO_RETRY)
        .catch((err: unknown) => log.warn({ err, officialId: id }, 'setMyCommands (official) failed; continuing')),
    );
  await Promise.all([
    api.call('setMyCommands', { commands: menu(menus.citizen), scope: { type: 'default' } }, NO_RETRY).catch((err: unknown) => log.warn({ err }, 'setMyCommands (citizens) failed; continuing')),
    ...forChats(officials.district, menus.official),
    ...forChats(officials.unit, menus.unit),
  ]);
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
