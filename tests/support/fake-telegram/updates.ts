import type { ChatStore, FakeMessage, SentEntry, Update } from './state.ts';

/** How a test person acts in their private chat with the bot; every action returns the update_id it pushed. */
export interface FakeUser {
  readonly id: number;
  readonly chatId: string;
  /** A text message; "/start u-X01" carries a bot_command entity like Telegram's. */
  send(text: string): number;
  /** Taps the newest bot message button whose label equals `label` (or matches it). Throws when none is shown. */
  tap(label: string | RegExp): number;
  /** A callback query with any data on any message (forged or stale taps). */
  tapData(messageId: number, data: string): number;
  contact(phone: string, own?: boolean): number;
  sticker(): number;
  /** Every message of the chat, the person's and the bot's, edits applied. */
  messages(): FakeMessage[];
  botMessages(): FakeMessage[];
  lastBotMessage(): FakeMessage | undefined;
  /** The bot's actions in this chat (sends, edits, callback answers), in order. */
  log(): SentEntry[];
  /** Texts of answerCallbackQuery notices shown to this person. */
  notices(): string[];
}

export interface UpdateSink {
  chats: ChatStore;
  botId: number;
  push(update: Omit<Update, 'update_id'>): number;
  queryId(): string;
}

function buttons(message: FakeMessage): { text: string; callback_data?: string }[] {
  return (message.reply_markup?.inline_keyboard ?? []).flat();
}

export function createFakeUser(sink: UpdateSink, id: number, firstName: string, lastName?: string): FakeUser {
  const chatId = String(id);
  const from = { id, is_bot: false, first_name: firstName, ...(lastName ? { last_name: lastName } : {}), language_code: 'vi' };
  const chat = { id, type: 'private' as const, first_name: firstName };
  const now = () => Math.floor(Date.now() / 1000);
  const pushMessage = (extra: Partial<FakeMessage>) => {
    const message = sink.chats.add(chatId, { date: now(), chat, from, ...extra });
    return sink.push({ message });
  };
  const botMessages = () => sink.chats.messages(chatId).filter((m) => m.from.id === sink.botId);
  const tapData = (messageId: number, data: string) => {
    const message = sink.chats.get(chatId, messageId) ?? { message_id: messageId, date: 0, chat };
    const id = sink.queryId();
    sink.chats.openQueries.set(id, chatId);
    return sink.push({ callback_query: { id, from, message, chat_instance: `ci${chatId}`, data } });
  };
  return {
    id,
    chatId,
    send: (text) => {
      const command = /^\/\S+/u.exec(text);
      return pushMessage({ text, ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}) });
    },
    tap: (label) => {
      const matches = (t: string) => (typeof label === 'string' ? t === label : label.test(t));
      for (const message of botMessages().reverse()) {
        const button = buttons(message).find((b) => matches(b.text) && b.callback_data !== undefined);
        if (button) return tapData(message.message_id, button.callback_data!);
      }
      const shown = botMessages().flatMap((m) => buttons(m).map((b) => b.text));
      throw new Error(`fake-telegram: no button ${String(label)} in chat ${chatId}; buttons shown: ${JSON.stringify(shown)}`);
    },
    tapData,
    contact: (phone, own = true) => pushMessage({ contact: { phone_number: phone, first_name: firstName, ...(own ? { user_id: id } : { user_id: id + 1 }) } }),
    sticker: () => pushMessage({ sticker: { file_id: 'sticker', file_unique_id: 'sticker', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false, emoji: '👍' } }),
    messages: () => sink.chats.messages(chatId),
    botMessages,
    lastBotMessage: () => botMessages().at(-1),
    log: () => sink.chats.sentTo(chatId),
    notices: () => sink.chats.sentTo(chatId).filter((e) => e.method === 'answerCallbackQuery' && e.text).map((e) => e.text!),
  };
}
