import type { Logger } from 'pino';
import { parseAnswerData } from '../../contract/callback-data.ts';
import type { Reply } from '../../contract/messages.ts';
import { isNotModified, type RetryPolicy, type TelegramApi } from './api.ts';
import type { TappedMessage } from './inbound.ts';
import { renderMessage, tappedEcho } from './render.ts';

export interface DeliverContext {
  api: TelegramApi;
  chatId: string;
  tapped?: TappedMessage;
  log: Logger;
  policy: RetryPolicy;
}

/**
 * The echo of a tap: the conversation's own (a question, with the choice shown), or — for an accepted tap on any other
 * button (commune, agency, "Bỏ qua") — the message's text followed by the chosen label. A refused tap (a notice) keeps
 * its message untouched, and so does an answer the conversation did not echo (not recorded: the time was up).
 */
function echoOf(reply: Reply, tapped: TappedMessage): string | undefined {
  if (reply.echo) return reply.echo;
  if (reply.notice || !tapped.label || !tapped.text || parseAnswerData(tapped.data)) return undefined;
  return tappedEcho(tapped.text, tapped.label);
}

/** Answers the tap (stops the spinner, shows the notice) and edits the tapped message; never fails the reply. */
async function settleTap(ctx: DeliverContext, reply: Reply, tapped: TappedMessage): Promise<void> {
  const { api, chatId, log, policy } = ctx;
  const answer = api
    .call('answerCallbackQuery', { callback_query_id: tapped.queryId, ...(reply.notice ? { text: reply.notice } : {}) }, policy)
    // A query older than Telegram's answer window (a redelivery after downtime) cannot be answered any more.
    .catch((err: unknown) => log.debug({ err }, 'answerCallbackQuery failed'));
  const echo = echoOf(reply, tapped);
  const edit =
    echo && tapped.messageId !== undefined
      ? api.call('editMessageText', { chat_id: chatId, message_id: tapped.messageId, text: echo }, policy).catch((err: unknown) => {
          if (!isNotModified(err)) log.warn({ err }, 'editing the tapped message failed');
        })
      : undefined;
  await Promise.all([answer, edit]);
}

/**
 * Sends a reply to one chat, from message `from` on (a retry resumes where the last try stopped), calling `sent(n)`
 * after each message. With the first message, a tap is answered and its message edited. Throws SendError when a
 * message finally fails (the inbox retries later or gives up).
 */
export async function deliverReply(ctx: DeliverContext, reply: Reply, from = 0, sent: (n: number) => Promise<void> = async () => undefined): Promise<void> {
  const side = ctx.tapped && from === 0 ? settleTap(ctx, reply, ctx.tapped) : Promise.resolve();
  const messages = !ctx.tapped && reply.notice ? [{ text: reply.notice }, ...reply.messages] : reply.messages;
  try {
    for (let i = from; i < messages.length; i += 1) {
      for (const call of renderMessage(ctx.chatId, messages[i]!)) await ctx.api.call(call.method, call.payload, ctx.policy);
      await sent(i + 1);
    }
  } finally {
    await side;
  }
}
