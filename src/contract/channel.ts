import type { Capabilities, OutMessage } from './messages.ts';

/**
 * Why a send to a chat platform failed, as the rest of the app needs to know it. Channels map their platform's
 * errors (Telegram error_code, Zalo error_code, network failures) to these kinds; callers branch on `kind`, never on text.
 */
export type SendFailureKind =
  /** 429: wait `retryAfterMs`, then try again. */
  | 'rate_limited'
  /** 403 (blocked the bot, user deactivated): never try this chat again. */
  | 'unreachable'
  /** 5xx, timeouts, network: try again later with backoff. */
  | 'transient'
  /** 400 and other requests the platform will never accept as sent. */
  | 'rejected';

export class SendError extends Error {
  override name = 'SendError';
  constructor(
    readonly kind: SendFailureKind,
    message: string,
    readonly channel: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A channel: how the app sends to people outside a reply (reminders, announcements). */
export interface ChatChannel {
  readonly name: string;
  readonly capabilities: Capabilities;
  send(chatId: string, message: OutMessage): Promise<void>;
}
