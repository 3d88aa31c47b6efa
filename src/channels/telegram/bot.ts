import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { Telegraf } from 'telegraf';
import type { Update, UserFromGetMe } from 'telegraf/types';
import type { JoinAddresses, Reply } from '../../contract/messages.ts';
import type { Conversation } from '../../conversation/index.ts';
import type { Services } from '../../services/index.ts';
import { parsePushed } from '../../services/pushed.ts';
import { createInboxRunner, decodeBody, encodeBody, inboxBotKey, type InboxAdapter, type InboxRunner, type InboxRunnerOptions } from '../inbox.ts';
import { REPLY_RETRY, createTelegramApi, type RetryPolicy, type TelegramApi } from './api.ts';
import { replyCalls } from './deliver.ts';
import { CHANNEL, blockChange, translateUpdate, type TappedMessage } from './inbound.ts';

export interface TelegramBotOptions extends Omit<InboxRunnerOptions, 'log'> {
  token: string;
  apiRoot: string;
  log: Logger;
  adminIds: ReadonlySet<string>;
  /** The other channels' join addresses, shown next to Telegram links in the /link document. */
  joinAddresses?: JoinAddresses;
  retry?: RetryPolicy;
  apiTimeoutMs?: number;
}

export interface TelegramBot {
  readonly api: TelegramApi;
  /** Stores an update in the inbox (then it is processed in order per person). Resolves once stored. */
  receive(update: unknown): Promise<unknown>;
  readonly inbox: InboxRunner;
  setBotInfo(info: UserFromGetMe): void;
  readonly username: string;
}

interface RecordedReply {
  reply: Reply;
  tapped?: TappedMessage;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The sender of an update: its per-person order key. Never throws, whatever the shape. */
function senderOf(update: Record<string, unknown>): string | undefined {
  for (const kind of ['message', 'callback_query', 'my_chat_member']) {
    const part = update[kind];
    if (isObject(part) && isObject(part.from) && (typeof part.from.id === 'number' || typeof part.from.id === 'string')) return String(part.from.id);
  }
  return undefined;
}

/** The private chat an update came from, for a notice sent without the database. */
function chatOf(update: Record<string, unknown>): string | undefined {
  const message = isObject(update.message) ? update.message : isObject(update.callback_query) && isObject(update.callback_query.message) ? update.callback_query.message : undefined;
  const chat = message && isObject(message.chat) ? message.chat : undefined;
  return chat && chat.type === 'private' && typeof chat.id === 'number' ? String(chat.id) : undefined;
}

/** What Telegram could send that the bot cannot use: no chat, no sender, fields of the wrong type. */
function problemOf(update: Record<string, unknown>): string | undefined {
  const message = update.message;
  if (isObject(message) && (!isObject(message.chat) || typeof message.chat.id !== 'number')) return 'message without a chat';
  const query = update.callback_query;
  if (isObject(query) && typeof query.id !== 'string') return 'callback query without an id';
  if (!senderOf(update)) return 'no sender';
  return undefined;
}

/**
 * The Telegram side of the inbox: identifies updates, turns a stored one into the conversation's event and a recorded
 * reply, and delivers recorded replies (a tap is answered and its message edited only with its first call).
 */
export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const { log, adminIds } = options;
  // webhookReply off: every call is a real request whose errors we see and handle.
  const telegraf = new Telegraf(options.token, { telegram: { apiRoot: options.apiRoot, webhookReply: false } });
  const api = createTelegramApi(telegraf.telegram, {
    ...(options.apiTimeoutMs ? { timeoutMs: options.apiTimeoutMs } : {}),
    onRetry: (info) => log.warn(info, 'Telegram call retried'),
  });
  const policy = options.retry ?? REPLY_RETRY;
  let username = 'bot';

  const adapter: InboxAdapter = {
    channel: CHANNEL,
    bot: inboxBotKey(options.token, options.apiRoot),
    identify(raw) {
      if (!isObject(raw) || !Number.isSafeInteger(raw.update_id)) return { updateId: `invalid-${Date.now()}-${randomUUID()}`, chatKey: null, problem: 'no integer update_id' };
      const chatId = chatOf(raw);
      return { updateId: String(raw.update_id), chatKey: senderOf(raw) ?? null, ...(chatId ? { chatId } : {}), ...(problemOf(raw) ? { problem: problemOf(raw)! } : {}) };
    },
    async handle(raw, services: Services, conversation: Conversation) {
      const update = raw as Update;
      const change = blockChange(update);
      if (change) {
        await (change.blocked ? services.intake.markUnreachable(CHANNEL, change.chatId) : services.intake.markReachable(CHANNEL, change.chatId));
        return { outcome: change.blocked ? 'blocked' : 'unblocked' };
      }
      const translated = translateUpdate(update, { adminIds, username: () => username, ...(options.joinAddresses ? { joinAddresses: options.joinAddresses } : {}) });
      if (!translated) return { outcome: 'ignored' };
      const reply = await conversation.handle(translated.event);
      // Nothing to say (a second copy of an answer): nothing recorded, and the person's next update goes on at once.
      if (!reply.messages.length && !reply.notice && !translated.tapped) return { outcome: 'no reply' };
      const recorded: RecordedReply = { reply, ...(translated.tapped ? { tapped: translated.tapped } : {}) };
      const parts = reply.messages.length + (!translated.tapped && reply.notice ? 1 : 0);
      return { outcome: 'replied', reply: { chatId: translated.event.chatId, body: encodeBody(recorded), parts } };
    },
    calls(chatId, body) {
      const decoded = decodeBody<RecordedReply>(body);
      const pushed = parsePushed(decoded);
      if (pushed) return replyCalls({ api, chatId, log, policy }, { messages: pushed });
      const { reply, tapped } = decoded;
      return replyCalls({ api, chatId, ...(tapped ? { tapped } : {}), log, policy }, reply);
    },
    async notify(chatId, text) {
      await api.call('sendMessage', { chat_id: chatId, text }, policy);
    },
  };
  const inbox = createInboxRunner(adapter, { ...options, log });

  return {
    api,
    inbox,
    receive: (update) => inbox.receive(update),
    setBotInfo(info) {
      username = info.username;
    },
    get username() {
      return username;
    },
  };
}
