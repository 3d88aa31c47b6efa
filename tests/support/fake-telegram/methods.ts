import { randomBytes } from 'node:crypto';
import type { UploadedFile } from './multipart.ts';
import type { ChatStore, FakeMessage, UpdateQueue } from './state.ts';

/** A Bot API refusal in Telegram's own format: `{ok:false, error_code, description, parameters}`. */
export class ApiFailure extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number },
  ) {
    super(`${code}: ${description}`);
  }
}

export const badRequest = (what: string) => new ApiFailure(400, `Bad Request: ${what}`);

export interface BotIdentity {
  id: number;
  is_bot: true;
  first_name: string;
  username: string;
  can_join_groups: boolean;
  can_read_all_group_messages: boolean;
  supports_inline_queries: boolean;
}

export interface MethodContext {
  bot: BotIdentity;
  chats: ChatStore;
  queue: UpdateQueue;
  webhook: { url: string; secret?: string } | undefined;
  setWebhook(hook: { url: string; secret?: string } | undefined): void;
  commands: Map<string, unknown>;
  now(): number;
}

export interface MethodCall {
  params: Record<string, unknown>;
  files: UploadedFile[];
  signal: AbortSignal;
}

const TEXT_LIMIT = 4096;
const CAPTION_LIMIT = 1024;

function chatIdOf(params: Record<string, unknown>): string {
  const id = params.chat_id;
  if (id === undefined || id === null || id === '') throw badRequest('chat_id is empty');
  return String(id);
}

/** Checks an inline keyboard the way Telegram does: callback_data 1–64 bytes, text not empty. */
function checkMarkup(markup: unknown): FakeMessage['reply_markup'] {
  if (markup === undefined || markup === null || markup === '') return undefined;
  const m = (typeof markup === 'string' ? JSON.parse(markup) : markup) as FakeMessage['reply_markup'];
  for (const row of m?.inline_keyboard ?? []) {
    for (const button of row) {
      if (!button.text) throw badRequest('button text is empty');
      if (button.callback_data !== undefined && (Buffer.byteLength(button.callback_data) > 64 || button.callback_data.length === 0)) {
        throw badRequest('BUTTON_DATA_INVALID');
      }
      // A Mini App opens only an https address.
      if (button.web_app !== undefined && !/^https:\/\//u.test(button.web_app.url)) throw badRequest('BUTTON_URL_INVALID');
    }
  }
  return m;
}

function checkText(text: unknown, limit: number, what: 'text' | 'caption'): string | undefined {
  if (text === undefined || text === null) return undefined;
  const s = String(text);
  if (what === 'text' && s.trim().length === 0) throw badRequest('message text is empty');
  // Telegram counts UTF-16 code units (an emoji is 2).
  if (s.length > limit) throw badRequest(what === 'text' ? 'message is too long' : 'message caption is too long');
  return s;
}

function botMessage(ctx: MethodContext, chatId: string, extra: Partial<FakeMessage>): FakeMessage {
  return ctx.chats.add(chatId, {
    date: Math.floor(ctx.now() / 1000),
    chat: { id: Number(chatId), type: 'private' },
    from: { id: ctx.bot.id, is_bot: true, first_name: ctx.bot.first_name, username: ctx.bot.username },
    ...extra,
  });
}

function sendMessage(ctx: MethodContext, { params }: MethodCall): FakeMessage {
  const chatId = chatIdOf(params);
  const text = checkText(params.text, TEXT_LIMIT, 'text');
  if (text === undefined) throw badRequest('message text is empty');
  const markup = checkMarkup(params.reply_markup);
  const message = botMessage(ctx, chatId, { text, ...(markup ? { reply_markup: markup } : {}) });
  ctx.chats.record({ method: 'sendMessage', chatId, messageId: message.message_id, text, replyMarkup: markup, params, at: ctx.now() });
  return message;
}

function fileId(): string {
  return `F${randomBytes(8).toString('hex')}`;
}

function sendFile(kind: 'document' | 'photo') {
  return (ctx: MethodContext, { params, files }: MethodCall): FakeMessage => {
    const chatId = chatIdOf(params);
    const file = files.find((f) => f.field === kind);
    if (!file && typeof params[kind] !== 'string') throw badRequest(`there is no ${kind} in the request`);
    const caption = checkText(params.caption, CAPTION_LIMIT, 'caption');
    const markup = checkMarkup(params.reply_markup);
    const size = file?.content.length ?? 0;
    const id = fileId();
    const media =
      kind === 'document'
        ? { document: { file_id: id, file_unique_id: id, file_name: file?.filename ?? 'file', mime_type: file?.contentType, file_size: size } }
        : { photo: [{ file_id: id, file_unique_id: id, width: 512, height: 512, file_size: size }] };
    const message = botMessage(ctx, chatId, { ...media, ...(caption ? { caption } : {}), ...(markup ? { reply_markup: markup } : {}) });
    const method = kind === 'document' ? 'sendDocument' : 'sendPhoto';
    ctx.chats.record({ method, chatId, messageId: message.message_id, text: caption, replyMarkup: markup, ...(file ? { file } : {}), params, at: ctx.now() });
    return message;
  };
}

function editTarget(ctx: MethodContext, params: Record<string, unknown>): { chatId: string; message: FakeMessage } {
  const chatId = chatIdOf(params);
  const message = ctx.chats.get(chatId, Number(params.message_id));
  if (!message || message.from.id !== ctx.bot.id) throw badRequest('message to edit not found');
  return { chatId, message };
}

const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

function sameMarkup(a: unknown, b: unknown): boolean {
  const empty = (m: unknown) => m === undefined || (typeof m === 'object' && m !== null && ((m as { inline_keyboard?: unknown[] }).inline_keyboard ?? []).length === 0);
  return (empty(a) && empty(b)) || JSON.stringify(a) === JSON.stringify(b);
}

function editMessageText(ctx: MethodContext, { params }: MethodCall): FakeMessage {
  const { chatId, message } = editTarget(ctx, params);
  const text = checkText(params.text, TEXT_LIMIT, 'text');
  if (text === undefined) throw badRequest('message text is empty');
  const markup = checkMarkup(params.reply_markup);
  if (message.text === text && sameMarkup(message.reply_markup, markup)) throw badRequest(NOT_MODIFIED);
  message.text = text;
  if (markup) message.reply_markup = markup;
  else delete message.reply_markup;
  message.edit_date = Math.floor(ctx.now() / 1000);
  ctx.chats.record({ method: 'editMessageText', chatId, messageId: message.message_id, text, replyMarkup: markup, params, at: ctx.now() });
  return message;
}

function editMessageReplyMarkup(ctx: MethodContext, { params }: MethodCall): FakeMessage {
  const { chatId, message } = editTarget(ctx, params);
  const markup = checkMarkup(params.reply_markup);
  if (sameMarkup(message.reply_markup, markup)) throw badRequest(NOT_MODIFIED);
  if (markup) message.reply_markup = markup;
  else delete message.reply_markup;
  ctx.chats.record({ method: 'editMessageReplyMarkup', chatId, messageId: message.message_id, replyMarkup: markup, params, at: ctx.now() });
  return message;
}

function answerCallbackQuery(ctx: MethodContext, { params }: MethodCall): true {
  const id = String(params.callback_query_id ?? '');
  const chatId = ctx.chats.openQueries.get(id);
  if (chatId === undefined) throw badRequest('query is too old and response timeout expired or query ID is invalid');
  ctx.chats.openQueries.delete(id);
  const text = params.text === undefined ? undefined : String(params.text);
  if (text !== undefined && [...text].length > 200) throw badRequest('MESSAGE_TOO_LONG');
  ctx.chats.record({ method: 'answerCallbackQuery', chatId, ...(text !== undefined ? { text } : {}), params, at: ctx.now() });
  return true;
}

async function getUpdates(ctx: MethodContext, { params, signal }: MethodCall): Promise<unknown[]> {
  if (ctx.webhook) throw new ApiFailure(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
  const offset = Number(params.offset ?? 0);
  const limit = Math.min(Math.max(Number(params.limit ?? 100), 1), 100);
  const timeoutMs = Math.max(Number(params.timeout ?? 0), 0) * 1000;
  // Like Telegram: a getUpdates arriving while another one waits ends the waiting one with 409 (two pollers).
  const poll = ctx.queue.beginPoll();
  try {
    let batch = ctx.queue.take(offset, limit);
    if (batch.length === 0 && timeoutMs > 0) {
      await ctx.queue.wait(timeoutMs, AbortSignal.any([signal, poll.superseded]));
      if (poll.superseded.aborted) throw new ApiFailure(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running');
      batch = ctx.queue.take(offset, limit);
    }
    return batch;
  } finally {
    poll.end();
  }
}

function setMyCommands(ctx: MethodContext, { params }: MethodCall): true {
  if (!Array.isArray(params.commands)) throw badRequest('commands must be an array');
  ctx.commands.set(JSON.stringify(params.scope ?? { type: 'default' }), params.commands);
  return true;
}

function setWebhook(ctx: MethodContext, { params }: MethodCall): true {
  const url = String(params.url ?? '');
  const secret = params.secret_token === undefined ? undefined : String(params.secret_token);
  if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/u.test(secret)) throw badRequest('secret token contains unallowed characters');
  ctx.setWebhook(url ? { url, ...(secret ? { secret } : {}) } : undefined);
  return true;
}

type Method = (ctx: MethodContext, call: MethodCall) => unknown;

/** The Bot API methods the fake implements; anything else answers 404 "Not Found" like Telegram. */
export const METHODS: Record<string, Method> = {
  getMe: (ctx) => ctx.bot,
  getUpdates,
  sendMessage,
  sendDocument: sendFile('document'),
  sendPhoto: sendFile('photo'),
  editMessageText,
  editMessageReplyMarkup,
  answerCallbackQuery,
  setMyCommands,
  deleteMyCommands: (ctx, { params }) => ctx.commands.delete(JSON.stringify(params.scope ?? { type: 'default' })) || true,
  getMyCommands: (ctx, { params }) => ctx.commands.get(JSON.stringify(params.scope ?? { type: 'default' })) ?? [],
  setWebhook,
  deleteWebhook: (ctx) => (ctx.setWebhook(undefined), true),
  getWebhookInfo: (ctx) => ({ url: ctx.webhook?.url ?? '', has_custom_certificate: false, pending_update_count: ctx.queue.pendingCount }),
  sendChatAction: (_ctx, { params }) => (chatIdOf(params), true),
};

/** Methods that deliver a message to a chat: the ones Telegram's flood limits count. */
export const SENDING_METHODS = new Set(['sendMessage', 'sendDocument', 'sendPhoto']);
