import type { Logger } from 'pino';
import { splitText } from '../../contract/choices.ts';
import type { Attachment, OutMessage } from '../../contract/messages.ts';
import type { ChatChannel } from '../../contract/channel.ts';
import type { IntakeService } from '../../services/intake.ts';
import { SendError } from '../../contract/channel.ts';
import type { ReplyCall } from '../inbox.ts';
import { ZaloApiError, ZaloHttpError, type ZaloClient } from './client.ts';
import { ZALO_CAPABILITIES, renderForZalo } from './render.ts';

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

