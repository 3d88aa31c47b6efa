import type { UploadedFile } from './multipart.ts';

/** A message as the fake stores it (Bot API shape, loosely typed). */
export interface FakeMessage {
  message_id: number;
  date: number;
  chat: { id: number; type: 'private'; first_name?: string };
  from: { id: number; is_bot: boolean; first_name: string; username?: string };
  text?: string;
  caption?: string;
  reply_markup?: { inline_keyboard?: { text: string; callback_data?: string; url?: string; web_app?: { url: string } }[][]; keyboard?: unknown; remove_keyboard?: boolean };
  document?: { file_id: string; file_unique_id: string; file_name: string; mime_type?: string; file_size: number };
  photo?: { file_id: string; file_unique_id: string; width: number; height: number; file_size: number }[];
  contact?: { phone_number: string; first_name: string; user_id?: number };
  sticker?: unknown;
  [key: string]: unknown;
}

/** One successful bot action, as a chat would see it. */
export interface SentEntry {
  method: string;
  chatId: string;
  messageId?: number;
  text?: string;
  replyMarkup?: FakeMessage['reply_markup'];
  file?: UploadedFile;
  params: Record<string, unknown>;
  at: number;
}

/** Every request the fake received, with what it answered. */
export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  ok: boolean;
  errorCode?: number;
  at: number;
}

export type Update = Record<string, unknown> & { update_id: number };

interface Queued {
  update: Update;
  delivered: boolean;
  /** What the offset is compared with: the update_id, or for an update pushed raw its place in the queue. */
  seq: number;
}

/** Updates waiting for getUpdates, with Telegram's offset semantics and long-poll waiters. */
export class UpdateQueue {
  private nextId = 1;
  private readonly items: Queued[] = [];
  private waiters: (() => void)[] = [];
  /** Every update ever pushed, by id (for redelivery). */
  readonly history = new Map<number, Update>();

  private polling: AbortController | undefined;

  /** A getUpdates begins: the one still waiting (another poller) is superseded. */
  beginPoll(): { superseded: AbortSignal; end(): void } {
    this.polling?.abort();
    const mine = new AbortController();
    this.polling = mine;
    return {
      superseded: mine.signal,
      end: () => {
        if (this.polling === mine) this.polling = undefined;
      },
    };
  }

  allocateId(): number {
    return this.nextId++;
  }

  push(update: Update): void {
    this.history.set(update.update_id, update);
    this.items.push({ update, delivered: false, seq: update.update_id });
    this.wake();
  }

  /** Queues an update as given, whatever its update_id; an offset above its place in the queue confirms it. */
  pushRaw(update: Record<string, unknown>): void {
    this.items.push({ update: update as Update, delivered: false, seq: this.allocateId() });
    this.wake();
  }

  /** Queues an already delivered update again under the same update_id, as Telegram does after a failed delivery. */
  redeliver(updateId: number): void {
    const update = this.history.get(updateId);
    if (!update) throw new Error(`fake-telegram: no update ${updateId} to redeliver`);
    this.items.push({ update, delivered: false, seq: updateId });
    this.wake();
  }

  /** Called with each batch handed out by getUpdates (benchmarks time the bot from here). */
  readonly onTake: ((batch: Update[]) => void)[] = [];

  /** Confirms updates below `offset` that were delivered, then returns up to `limit` of the rest. */
  take(offset: number, limit: number): Update[] {
    for (let i = this.items.length - 1; i >= 0; i -= 1) {
      const item = this.items[i]!;
      if (item.delivered && item.seq < offset) this.items.splice(i, 1);
    }
    const batch = this.items.slice(0, limit);
    for (const item of batch) item.delivered = true;
    const updates = batch.map((i) => i.update);
    if (updates.length) for (const listener of this.onTake) listener(updates);
    return updates;
  }

  get pendingCount(): number {
    return this.items.filter((i) => !i.delivered).length;
  }

  /** Resolves when an update arrives, after `ms`, or when `signal` aborts. */
  wait(ms: number, signal: AbortSignal): Promise<void> {
    if (this.pendingCount > 0 || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done);
      this.waiters.push(done);
    });
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }
}

/** The chats of the fake: messages by id (edits applied), a per-chat log of what the bot did. */
export class ChatStore {
  private readonly chats = new Map<string, { nextMessageId: number; messages: Map<number, FakeMessage> }>();
  readonly log: SentEntry[] = [];
  /** Callback queries the bot has not answered yet, by id, with the chat they came from. */
  readonly openQueries = new Map<string, string>();

  private chat(chatId: string) {
    let chat = this.chats.get(chatId);
    if (!chat) {
      chat = { nextMessageId: 1, messages: new Map() };
      this.chats.set(chatId, chat);
    }
    return chat;
  }

  /** Stores a new message (from the bot or from a person) and gives it the chat's next message id. */
  add(chatId: string, message: Omit<FakeMessage, 'message_id'>): FakeMessage {
    const chat = this.chat(chatId);
    const stored = { ...message, message_id: chat.nextMessageId++ } as FakeMessage;
    chat.messages.set(stored.message_id, stored);
    return stored;
  }

  get(chatId: string, messageId: number): FakeMessage | undefined {
    return this.chats.get(chatId)?.messages.get(messageId);
  }

  messages(chatId: string): FakeMessage[] {
    return [...(this.chats.get(chatId)?.messages.values() ?? [])];
  }

  /** Called with each successful bot action as it happens. */
  readonly onRecord: ((entry: SentEntry) => void)[] = [];

  private readonly byChat = new Map<string, SentEntry[]>();

  record(entry: SentEntry): void {
    this.log.push(entry);
    const chat = this.byChat.get(entry.chatId) ?? [];
    chat.push(entry);
    this.byChat.set(entry.chatId, chat);
    for (const listener of this.onRecord) listener(entry);
  }

  sentTo(chatId: string): SentEntry[] {
    return [...(this.byChat.get(chatId) ?? [])];
  }
}
