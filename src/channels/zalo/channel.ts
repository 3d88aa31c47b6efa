import type { Logger } from 'pino';
import { listChoicesAsText, splitText } from '../../contract/choices.ts';
import type { Attachment, Capabilities, OutMessage } from '../../contract/messages.ts';
import { parsePushed } from '../../services/pushed.ts';
import type { ChatChannel } from '../../contract/channel.ts';
import type { IntakeService } from '../../services/intake.ts';
import { SendError } from '../../contract/channel.ts';
import { createInboxRunner, decodeBody, encodeBody, type InboxAdapter, type InboxRunner, type InboxRunnerOptions, type ReplyCall } from '../inbox.ts';
import { ZaloApiError, ZaloHttpError, type ZaloClient } from './client.ts';
import { chatKindOf, inboundOf, zaloEventKey, zaloUpdateSchema } from './updates.ts';
import { viOfficials } from '../../messages/vi.ts';

/** Zalo Bot API: no tap buttons, 2,000 characters a message, photos by URL. */
export const ZALO_CAPABILITIES: Capabilities = { buttons: false, maxLength: 2000, contactButton: false };

export interface ZaloChannelDeps {
  client: ZaloClient;
  intake: IntakeService;
  log: Logger;
  adminIds: readonly string[];
  now: () => number;
  /** Turns a file (a /xuat workbook, a QR code) into a short-lived download link; Zalo cannot take documents here. */
  publish?: (attachment: Attachment) => string;
  /** The bot's address for a private chat (ZALO_BOT_LINK), named to people who write in a group. */
  botLink?: string;
  /** How long to pause all Zalo sending after a 429 "quota exceeded" (the API gives no retry_after). */
  quotaBackoffMs?: number;
}

/** Text of one outgoing message for Zalo: the text, numbered choices, download links for files. */
export function renderForZalo(message: OutMessage, publish?: (a: Attachment) => string): string {
  const parts = [message.text];
  if (message.choices?.length && message.listChoices !== false) parts.push(listChoicesAsText(message.choices));
  for (const file of [message.document, message.photo]) {
    if (!file) continue;
    parts.push(publish ? `${file.caption ? `${file.caption}\n` : ''}⬇️ ${file.filename}: ${publish(file)}` : `[${file.filename}]`);
  }
  return parts.filter(Boolean).join('\n\n');
}

function toSendError(err: unknown, backoffMs: number): SendError {
  if (err instanceof ZaloApiError) {
    if (err.code === 429) return new SendError('rate_limited', err.message, 'zalo', backoffMs, { cause: err });
    if (err.code === 403) return new SendError('unreachable', err.message, 'zalo', undefined, { cause: err });
    if (err.code >= 500 || err.code === 408) return new SendError('transient', err.message, 'zalo', undefined, { cause: err });
    return new SendError('rejected', err.message, 'zalo', undefined, { cause: err });
  }
  if (err instanceof ZaloHttpError) return new SendError('transient', err.message, 'zalo', undefined, { cause: err });
  return new SendError('transient', String(err), 'zalo');
}

/** Zalo as the app sends to it: a ChatChannel, and the API calls of one message for the inbox to send one by one. */
export interface ZaloChannel extends ChatChannel {
  /** The calls that deliver `message`, in order: its text in pieces of at most 2,000 characters, then a photo. */
  calls(chatId: string, message: OutMessage): ReplyCall[];
}

/**
 * Zalo as an outbound channel: numbered text, long texts split at 2,000 characters. After a quota error (429, no
 * retry_after given) all sending pauses for the back-off; sends meanwhile fail as rate_limited with the time left.
 */
export function createZaloChannel(deps: ZaloChannelDeps): ZaloChannel {
  const backoffMs = deps.quotaBackoffMs ?? 60_000;
  let pausedUntil = 0;
  /** One API call, its failure as a SendError. */
  const attempt = (chatId: string, call: () => Promise<unknown>): ReplyCall => ({
    async send(trying) {
      if (deps.now() < pausedUntil) throw new SendError('rate_limited', 'Zalo sending paused after a quota error', 'zalo', pausedUntil - deps.now());
      trying();
      try {
        await call();
      } catch (err) {
        const failure = toSendError(err, backoffMs);
        if (failure.kind === 'rate_limited') pausedUntil = deps.now() + backoffMs;
        if (failure.kind === 'unreachable') await deps.intake.markUnreachable('zalo', chatId);
        throw failure;
      }
    },
  });
  const calls = (chatId: string, message: OutMessage): ReplyCall[] => {
    // Zalo takes a photo by URL: a chart or QR code goes as a photo from a signed download link, after the text.
    const { photo, ...rest } = message;
    const photoUrl = photo && deps.publish ? deps.publish(photo) : undefined;
    const text = renderForZalo(photoUrl ? rest : message, deps.publish);
    const pieces = splitText(text, ZALO_CAPABILITIES.maxLength)
      .filter((piece) => piece.trim() !== '')
      .map((piece) => attempt(chatId, () => deps.client.sendMessage(chatId, piece)));
    if (photoUrl) pieces.push(attempt(chatId, () => deps.client.sendPhoto(chatId, photoUrl, photo?.caption)));
    // The question is shown once the message's last piece is accepted.
    if (message.shows && pieces.length) pieces[pieces.length - 1] = { ...pieces.at(-1)!, shows: message.shows };
    return pieces;
  };
  return {
    name: 'zalo',
    capabilities: ZALO_CAPABILITIES,
    calls,
    async send(chatId: string, message: OutMessage): Promise<void> {
      for (const call of calls(chatId, message)) await call.send(() => undefined);
    },
  };
}

/** The sender of a Zalo update, and the platform's duplicate key: one event of one message of one sender. */
function identifyZalo(raw: unknown): { updateId: string; chatKey: string | null; problem?: string } {
  const parsed = zaloUpdateSchema.safeParse(raw);
  if (!parsed.success) {
    const m = (raw as { message?: { message_id?: unknown; from?: { id?: unknown } } } | null)?.message;
    const id = typeof m?.message_id === 'string' ? m.message_id : `invalid-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    return { updateId: id, chatKey: typeof m?.from?.id === 'string' ? m.from.id : null, problem: 'not a Zalo update' };
  }
  const u = parsed.data;
  return { updateId: zaloEventKey(u), chatKey: u.message.from.id, ...(chatKindOf(u.message.chat.chat_type) === 'private' ? { chatId: u.message.chat.id } : {}) };
}

/** The receiving side: updates go through the inbox to the conversation; replies are recorded, then sent. */
export function createZaloInbox(
  deps: Pick<ZaloChannelDeps, 'adminIds' | 'log' | 'botLink'> & { telegramUsername?: string; bot: string } & Omit<InboxRunnerOptions, 'log'>,
  channel: ZaloChannel,
): InboxRunner {
  const { botLink } = deps;
  const adapter: InboxAdapter = {
    channel: 'zalo',
    bot: deps.bot,
    identify: identifyZalo,
    async handle(raw, _services, conversation) {
      const update = zaloUpdateSchema.parse(raw);
      const m = update.message;
      const displayName = m.from.display_name ?? m.from.name;
      const reply = await conversation.handle({
        channel: 'zalo',
        userId: m.from.id,
        chatId: m.chat.id,
        chatKind: chatKindOf(m.chat.chat_type),
        ...(deps.botLink ? { botLink: deps.botLink } : {}),
        ...(displayName ? { displayName } : {}),
        isAdmin: deps.adminIds.includes(m.from.id),
        capabilities: ZALO_CAPABILITIES,
        // Zalo links carry no payload: the bot's address, and the code to type there (which counts as the link).
        inviteLink: (payload) => (botLink ? viOfficials.zaloInvite(botLink, `/start ${payload}`) : `/start ${payload}`),
        ...(botLink ? { inviteQr: () => botLink } : {}),
        joinAddresses: { ...(deps.telegramUsername ? { telegramUsername: deps.telegramUsername } : {}), ...(botLink ? { zaloLink: botLink } : {}) },
        input: inboundOf(update),
      });
      const messages: OutMessage[] = [...(reply.notice ? [{ text: reply.notice }] : []), ...reply.messages];
      // Nothing to say (a second copy of an answer): nothing recorded, and the person's next update goes on at once.
      if (!messages.length) return { outcome: 'no reply' };
      return { outcome: 'replied', reply: { chatId: m.chat.id, body: encodeBody(messages), parts: messages.length } };
    },
    notify: (chatId, text) => channel.send(chatId, { text }),
    calls(chatId, body) {
      const decoded = decodeBody<OutMessage[]>(body);
      return (parsePushed(decoded) ?? decoded).flatMap((message) => channel.calls(chatId, message));
    },
  };
  return createInboxRunner(adapter, { ...deps, log: deps.log });
}
