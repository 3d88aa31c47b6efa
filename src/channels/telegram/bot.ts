import type { Logger } from 'pino';
import { Telegraf } from 'telegraf';
import type { Update, UserFromGetMe } from 'telegraf/types';
import type { Conversation } from '../../conversation/index.ts';
import type { IntakeService } from '../../services/intake.ts';
import { createPerChatQueue, type PerChatQueue } from '../per-chat.ts';
import { REPLY_RETRY, createTelegramApi, type RetryPolicy, type TelegramApi } from './api.ts';
import { deliverReply } from './deliver.ts';
import { CHANNEL, blockChange, translateUpdate } from './inbound.ts';

export interface TelegramBotOptions {
  token: string;
  apiRoot: string;
  conversation: Conversation;
  intake: IntakeService;
  log: Logger;
  adminIds: ReadonlySet<string>;
  retry?: RetryPolicy;
  apiTimeoutMs?: number;
}

export interface TelegramBot {
  readonly bot: Telegraf;
  readonly api: TelegramApi;
  /** Processes one update: in order within its chat, concurrently across chats. Never rejects. */
  dispatch(update: Update): Promise<void>;
  readonly queue: PerChatQueue;
  setBotInfo(info: UserFromGetMe): void;
  readonly username: string;
}

/** The chat an update belongs to (its processing order key). */
function chatKey(update: Update): string {
  if ('message' in update) return String(update.message.chat.id);
  if ('callback_query' in update) return String(update.callback_query.message?.chat.id ?? update.callback_query.from.id);
  if ('my_chat_member' in update) return String(update.my_chat_member.chat.id);
  return `update-${update.update_id}`;
}

/**
 * The telegraf bot: claims each update id once (a redelivery records nothing twice), translates it, asks the
 * conversation, and delivers the reply. All quiz state stays in the database.
 */
export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const { conversation, intake, log, adminIds } = options;
  // webhookReply off: every call is a real request whose errors we see and handle.
  const bot = new Telegraf(options.token, { telegram: { apiRoot: options.apiRoot, webhookReply: false }, handlerTimeout: 120_000 });
  const api = createTelegramApi(bot.telegram, {
    ...(options.apiTimeoutMs ? { timeoutMs: options.apiTimeoutMs } : {}),
    onRetry: (info) => log.warn(info, 'Telegram call retried'),
  });
  const queue = createPerChatQueue();
  const policy = options.retry ?? REPLY_RETRY;
  let username = 'bot';

  bot.use(async (ctx, next) => {
    if (!(await intake.claim(CHANNEL, String(ctx.update.update_id)))) {
      log.debug({ updateId: ctx.update.update_id }, 'update already processed: skipped');
      return;
    }
    await next();
  });

  bot.on('my_chat_member', async (ctx) => {
    const change = blockChange(ctx.update);
    if (!change) return;
    if (change.blocked) await intake.markUnreachable(CHANNEL, change.chatId);
    else await intake.markReachable(CHANNEL, change.chatId);
  });

  bot.on(['message', 'callback_query'], async (ctx) => {
    const translated = translateUpdate(ctx.update, { adminIds, username: () => username });
    if (!translated) return;
    const reply = await conversation.handle(translated.event);
    await deliverReply(
      {
        api,
        chatId: translated.event.chatId,
        ...(translated.tapped ? { tapped: translated.tapped } : {}),
        log: log.child({ updateId: ctx.update.update_id }),
        policy,
        onUnreachable: (chatId) => intake.markUnreachable(CHANNEL, chatId),
      },
      reply,
    );
  });

  // One boundary for errors: one person's failure is logged with its update id and never stops the bot.
  bot.catch((err, ctx) => {
    log.error({ err, updateId: ctx.update.update_id }, 'update failed');
  });

  return {
    bot,
    api,
    queue,
    dispatch: (update) =>
      queue.run(chatKey(update), () =>
        bot.handleUpdate(update).catch((err: unknown) => log.error({ err, updateId: update.update_id }, 'update failed')),
      ),
    setBotInfo(info) {
      bot.botInfo = info;
      username = info.username;
    },
    get username() {
      return username;
    },
  };
}
