import type { OutMessage } from '../../contract/messages.ts';
import type { ChatChannel } from '../../contract/channel.ts';
import type { IntakeService } from '../../services/intake.ts';
import { SendError } from '../../contract/channel.ts';
import { NO_RETRY, type RetryPolicy, type TelegramApi } from './api.ts';
import { CHANNEL } from './inbound.ts';
import { TELEGRAM_CAPABILITIES, renderMessage } from './render.ts';

/**
 * Telegram as an outbound channel (reminders, announcements). `send` throws SendError:
 * - `rate_limited` with `retryAfterMs` (429): the caller's queue waits, then retries;
 * - `unreachable` (403, blocked): the participant is already marked unreachable here; never retry;
 * - `transient` (5xx, timeout, network): retry with backoff — the message may have arrived (at-least-once);
 * - `rejected` (other 400s): a bug or bad input; do not retry.
 * By default it does not retry itself (NO_RETRY), so the queue's rate limiting stays in charge. A message longer
 * than 4,096 characters goes as several sends; a failure after the first part resends the earlier parts on retry.
 */
export function createTelegramChannel(api: TelegramApi, intake: Pick<IntakeService, 'markUnreachable'>, policy: RetryPolicy = NO_RETRY): ChatChannel {
  return {
    name: CHANNEL,
    capabilities: TELEGRAM_CAPABILITIES,
    async send(chatId: string, message: OutMessage): Promise<void> {
      try {
        for (const call of renderMessage(chatId, message)) await api.call(call.method, call.payload, policy);
      } catch (err) {
        if (err instanceof SendError && err.kind === 'unreachable') await intake.markUnreachable(CHANNEL, chatId);
        throw err;
      }
    },
  };
}
