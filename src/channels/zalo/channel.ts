import type { Logger } from 'pino';
import { listChoicesAsText, splitText } from '../../contract/choices.ts';
import type { Conversation } from '../../conversation/index.ts';
import type { Attachment, Capabilities, OutMessage } from '../../contract/messages.ts';
import type { ChatChannel } from '../../contract/channel.ts';
import type { IntakeService } from '../../services/intake.ts';
import { SendError } from '../../contract/channel.ts';
import { createPerChatQueue } from '../per-chat.ts';
import { ZaloApiError, ZaloHttpError, type ZaloClient } from './client.ts';
import { chatKindOf, inboundOf, zaloEventKey, type ZaloUpdate } from './updates.ts';

/** Zalo Bot API: no tap buttons, 2,000 characters a message. */
export const ZALO_CAPABILITIES: Capabilities = { buttons: false, maxLength: 2000, contactButton: false };

export interface ZaloChannelDeps {
  client: ZaloClient;
  conversation: Conversation;
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

/**
 * The Zalo channel: updates (webhook or getUpdates) go to the conversation, replies come back as numbered text.
 * Each chat's updates are handled one after another, in arrival order; a redelivered update is handled once.
 */
export function createZaloChannel(deps: ZaloChannelDeps): ChatChannel & { handleUpdate(update: ZaloUpdate): Promise<void>; idle(): Promise<void> } {
  const queue = createPerChatQueue();
  const backoffMs = deps.quotaBackoffMs ?? 60_000;
  let pausedUntil = 0;

  async function send(chatId: string, message: OutMessage): Promise<void> {
    if (deps.now() < pausedUntil) throw new SendError('rate_limited', 'Zalo sending paused after a quota error', 'zalo', pausedUntil - deps.now());
    for (const piece of splitText(renderForZalo(message, deps.publish), ZALO_CAPABILITIES.maxLength)) {
      try {
        await deps.client.sendMessage(chatId, piece);
      } catch (err) {
        const failure = toSendError(err, backoffMs);
        if (failure.kind === 'rate_limited') pausedUntil = deps.now() + backoffMs;
        if (failure.kind === 'unreachable') await deps.intake.markUnreachable('zalo', chatId);
        throw failure;
      }
    }
  }

  async function process(update: ZaloUpdate): Promise<void> {
    const m = update.message;
    if (!(await deps.intake.claim('zalo', zaloEventKey(update)))) return;
    deps.log.debug({ userId: m.from.id, event: update.event_name }, 'zalo update');
    const displayName = m.from.display_name ?? m.from.name;
    const reply = await deps.conversation.handle({
      channel: 'zalo',
      userId: m.from.id,
      chatId: m.chat.id,
      chatKind: chatKindOf(m.chat.chat_type),
      ...(deps.botLink ? { botLink: deps.botLink } : {}),
      ...(displayName ? { displayName } : {}),
      isAdmin: deps.adminIds.includes(m.from.id),
      capabilities: ZALO_CAPABILITIES,
      inviteLink: (payload) => `/start ${payload}`,
      input: inboundOf(update),
    });
    if (reply.notice) await send(m.chat.id, { text: reply.notice });
    for (const message of reply.messages) await send(m.chat.id, message);
  }

  function handleUpdate(update: ZaloUpdate): Promise<void> {
    return queue.run(update.message.chat.id, () =>
      process(update).catch((err: unknown) => deps.log.error({ err, messageId: update.message.message_id }, 'zalo update failed')),
    );
  }

  return {
    name: 'zalo',
    capabilities: ZALO_CAPABILITIES,
    send,
    handleUpdate,
    idle: () => queue.drain(),
  };
}
