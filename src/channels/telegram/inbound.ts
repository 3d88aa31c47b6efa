import type { Update } from 'telegraf/types';
import type { ChatKind, Inbound, InboundEvent, JoinAddresses } from '../../contract/messages.ts';
import { TELEGRAM_CAPABILITIES } from './render.ts';

export const CHANNEL = 'telegram';

/** The tapped message a callback query came from: what the channel needs to echo the choice and remove buttons. */
export interface TappedMessage {
  queryId: string;
  data: string;
  messageId: number | undefined;
  text: string | undefined;
  /** The label of the button whose data came back, when the message still shows it. */
  label: string | undefined;
}

export interface TranslatedUpdate {
  event: InboundEvent;
  tapped?: TappedMessage;
}

export interface InboundOptions {
  adminIds: ReadonlySet<string>;
  /** The bot's @username, for t.me invite links. */
  username: () => string;
  /** The other channels' join addresses (serve.ts), for documents that list every way to join. */
  joinAddresses?: JoinAddresses;
}

/** Telegram's chat types: only "private" is a one-to-one chat; "group", "supergroup" and "channel" are groups. */
export const chatKindOf = (type: string): ChatKind => (type === 'private' ? 'private' : 'group');

/** t.me deep link that starts the bot with `payload` (Telegram allows A–Z, a–z, 0–9, _ and -, up to 64 characters). */
export function deepLink(username: string, payload: string): string {
  return `https://t.me/${username}?start=${payload}`;
}

type MessageLike = {
  chat: { id: number; type: string };
  from?: { id: number; first_name: string; last_name?: string };
  text?: string;
  contact?: { phone_number: string; user_id?: number };
};

function inputOf(message: MessageLike): Inbound {
  if (typeof message.text === 'string') return { kind: 'text', text: message.text };
  if (message.contact) return { kind: 'contact', phone: message.contact.phone_number, own: message.contact.user_id === message.from?.id };
  return { kind: 'unsupported' };
}

function buttonLabel(message: unknown, data: string): string | undefined {
  const rows = (message as { reply_markup?: { inline_keyboard?: { text: string; callback_data?: string }[][] } }).reply_markup?.inline_keyboard ?? [];
  return rows.flat().find((b) => b.callback_data === data)?.text;
}

/**
 * Translates a message or a tap into the conversation's event, with the chat's kind (the conversation answers a group
 * once, to write privately). Edits, channel posts and other update kinds give undefined.
 */
export function translateUpdate(update: Update, options: InboundOptions): TranslatedUpdate | undefined {
  const base = (from: { id: number; first_name: string; last_name?: string }, chatId: number, chatType: string) => ({
    channel: CHANNEL,
    userId: String(from.id),
    chatId: String(chatId),
    chatKind: chatKindOf(chatType),
    botLink: `https://t.me/${options.username()}`,
    displayName: [from.first_name, from.last_name].filter(Boolean).join(' '),
    isAdmin: options.adminIds.has(String(from.id)),
    capabilities: TELEGRAM_CAPABILITIES,
    inviteLink: (payload: string) => deepLink(options.username(), payload),
    joinAddresses: { ...options.joinAddresses, telegramUsername: options.username() },
  });
  if ('message' in update) {
    const message = update.message as MessageLike;
    if (!message.from) return undefined;
    return { event: { ...base(message.from, message.chat.id, message.chat.type), input: inputOf(message) } };
  }
  if ('callback_query' in update) {
    const query = update.callback_query;
    if (!('data' in query)) return undefined;
    const message = query.message as (MessageLike & { message_id: number }) | undefined;
    return {
      event: { ...base(query.from, message?.chat.id ?? query.from.id, message?.chat.type ?? 'private'), input: { kind: 'choice', data: query.data } },
      tapped: { queryId: query.id, data: query.data, messageId: message?.message_id, text: message?.text, label: message ? buttonLabel(message, query.data) : undefined },
    };
  }
  return undefined;
}

/** A person blocked (kicked) or unblocked the bot in their private chat: Telegram's my_chat_member update. */
export function blockChange(update: Update): { chatId: string; blocked: boolean } | undefined {
  if (!('my_chat_member' in update)) return undefined;
  const m = update.my_chat_member;
  if (m.chat.type !== 'private') return undefined;
  return { chatId: String(m.chat.id), blocked: m.new_chat_member.status === 'kicked' };
}
