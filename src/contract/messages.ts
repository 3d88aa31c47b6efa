/** What a channel can show; the conversation renders once and channels adapt. */
export interface Capabilities {
  /** Tap buttons under a message (Telegram inline keyboards). Without them people type the number or letter. */
  buttons: boolean;
  /** Longest text one message may carry (Telegram 4,096; Zalo 2,000). */
  maxLength: number;
  /** A "share my phone number" button. */
  contactButton: boolean;
  /** A button opening an https page inside the chat app (Telegram's Mini App `web_app` button). */
  webAppButton?: boolean;
}

/** One option offered to a person: `data` comes back when tapped, `key` is what they may type instead. */
export interface Choice {
  data: string;
  label: string;
  key: string;
}

export interface Attachment {
  filename: string;
  content: Buffer;
  mime: string;
  caption?: string;
}

/** A question a message shows: one of an attempt's questions, or the tie-break prediction question asked after it. */
export interface ShownQuestion {
  attemptId: number;
  position: number | 'prediction';
}

export interface OutMessage {
  text: string;
  /**
   * The question this message shows, set where the question message is built. The channel stamps it as shown when
   * the platform accepts the message (its last piece), and a typed answer counts only once it was shown.
   */
  shows?: ShownQuestion;
  choices?: Choice[];
  /** Buttons per row on channels with buttons. */
  columns?: 1 | 2 | 4;
  /** False when the text already lists the options (a question): text-only channels then don't list them again. */
  listChoices?: boolean;
  requestContact?: boolean;
  /**
   * A button that opens this https page inside the chat app (Telegram's `web_app`, a Mini App), below the message's
   * other buttons. Channels without such buttons ignore it (the conversation offers them a link instead).
   */
  webApp?: { label: string; url: string };
  /** The text carries a link that must not be fetched for a preview (a one-time sign-in link): Telegram shows none. */
  noPreview?: boolean;
  document?: Attachment;
  photo?: Attachment;
}

export type Inbound =
  | { kind: 'text'; text: string }
  | { kind: 'choice'; data: string }
  | { kind: 'contact'; phone: string; own: boolean }
  | { kind: 'unsupported' };

/** The contest is one-to-one: everything but a private chat (Telegram groups and channels, Zalo groups) is a group. */
export type ChatKind = 'private' | 'group';

/** Where the bot is on each channel: Telegram deep links carry a unit; on Zalo people open the bot and type its code. */
export interface JoinAddresses {
  telegramUsername?: string;
  /** ZALO_BOT_LINK. */
  zaloLink?: string;
}

export interface InboundEvent {
  channel: string;
  userId: string;
  chatId: string;
  /** Absent: private (the terminal chat has no groups). Telegram and Zalo always say. */
  chatKind?: ChatKind;
  /** Where people open a private chat with the bot (t.me/<username>, the Zalo bot's address), when known. */
  botLink?: string;
  /** The platform's display name: only a suggestion for the full name. */
  displayName?: string;
  isAdmin: boolean;
  capabilities: Capabilities;
  /** How this channel turns an invite payload into something people can share (a t.me link, or a typed code). */
  inviteLink: (payload: string) => string;
  /** What a printed QR code of the invite opens, when it differs from inviteLink (Zalo: the bot's address). */
  inviteQr?: (payload: string) => string;
  /** The bot's addresses on every channel, when known: documents that list every way to join (the /link document). */
  joinAddresses?: JoinAddresses;
  input: Inbound;
}

export interface Reply {
  messages: OutMessage[];
  /** A short notice for the tap itself (Telegram answerCallbackQuery). */
  notice?: string;
  /** For a tapped question: the question as it now reads, with the choice shown and buttons removed. */
  echo?: string;
}
