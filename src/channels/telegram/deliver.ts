import type { Logger } from 'pino';
import { parseAnswerData } from '../../contract/callback-data.ts';
import type { Reply } from '../../contract/messages.ts';
import type { ReplyCall } from '../inbox.ts';
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
 * The Bot API calls that deliver a reply to one chat, in order: each message's calls (a long text is several, a caption
 * too long for its file is the text then the file). The first call also answers the tap and edits its message, so a
 * retry that resumes after it does neither again; a reply with nothing to send is that alone. Each call throws
 * SendError when it finally fails (the inbox retries later, from the call that failed, or gives up).
 */
export function replyCalls(ctx: DeliverContext, reply: Reply): ReplyCall[] {
  const messages = !ctx.tapped && reply.notice ? [{ text: reply.notice }, ...reply.messages] : reply.messages;
  const calls: ReplyCall[] = messages.flatMap((message) =>
    renderMessage(ctx.chatId, message).map((call, i, all) => ({
      send: async (trying: () => void) => void (await ctx.api.call(call.method, call.payload, ctx.policy, trying)),
      // The question is shown once its last call, the one with the buttons, is accepted.
      ...(message.shows && i === all.length - 1 ? { shows: message.shows } : {}),
    })),
  );
  const tapped = ctx.tapped;
  if (!tapped) return calls;
  const [first, ...rest] = calls;
  const settle = () => settleTap(ctx, reply, tapped);
  if (!first) return [{ send: settle }];
  const withTap: ReplyCall = {
    ...first,
    async send(trying) {
      const side = settle();
      try {
        await first.send(trying);
      } finally {
        await side;
      }
    },
  };
  return [withTap, ...rest];
}
