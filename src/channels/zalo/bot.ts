import type { JoinAddresses, OutMessage } from '../../contract/messages.ts';
import { parsePushed } from '../../services/pushed.ts';
import { createInboxRunner, decodeBody, encodeBody, type InboxAdapter, type InboxRunner, type InboxRunnerOptions } from '../inbox.ts';
import type { ZaloChannel, ZaloChannelDeps } from './channel.ts';
import { chatKindOf, inboundOf, zaloEventKey, zaloUpdateSchema } from './inbound.ts';
import { ZALO_CAPABILITIES } from './render.ts';
import { viOfficials } from '../../messages/vi.ts';

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
  deps: Pick<ZaloChannelDeps, 'adminIds' | 'log' | 'botLink'> & { joinAddresses?: JoinAddresses; bot: string } & Omit<InboxRunnerOptions, 'log'>,
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
        joinAddresses: { ...deps.joinAddresses, ...(botLink ? { zaloLink: botLink } : {}) },
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
