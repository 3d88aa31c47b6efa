import { splitText } from '../../contract/choices.ts';
import type { Attachment, Capabilities, Choice, OutMessage } from '../../contract/messages.ts';
import { vi } from '../../messages/vi.ts';

export const TELEGRAM_CAPABILITIES: Capabilities = { buttons: true, maxLength: 4096, contactButton: true, webAppButton: true };
const CAPTION_LIMIT = 1024;

/** One Bot API call that delivers (part of) a message. */
export interface TelegramCall {
  method: 'sendMessage' | 'sendDocument' | 'sendPhoto';
  payload: Record<string, unknown>;
}

type Markup = Record<string, unknown>;

/** Inline buttons, `columns` per row; each label is the full name of what it chooses. A Mini App button goes last. */
export function inlineKeyboard(choices: readonly Choice[], columns = 1, webApp?: OutMessage['webApp']): Markup {
  const rows: ({ text: string; callback_data: string } | { text: string; web_app: { url: string } })[][] = [];
  for (let i = 0; i < choices.length; i += columns) {
    rows.push(choices.slice(i, i + columns).map((c) => ({ text: c.label, callback_data: c.data })));
  }
  if (webApp) rows.push([{ text: webApp.label, web_app: { url: webApp.url } }]);
  return { inline_keyboard: rows };
}

/**
 * The "share my phone number" keyboard. A message carries one keyboard, so the other choices ("Bỏ qua") become
 * keyboard buttons too: pressing one sends its label as text, which the conversation matches like typing.
 */
function contactKeyboard(choices: readonly Choice[]): Markup {
  return {
    keyboard: [[{ text: vi.phoneShare, request_contact: true }], ...choices.map((c) => [{ text: c.label }])],
    resize_keyboard: true,
    one_time_keyboard: true,
  };
}

function markupOf(message: OutMessage): Markup | undefined {
  if (message.requestContact) return contactKeyboard(message.choices ?? []);
  if (message.choices?.length || message.webApp) return inlineKeyboard(message.choices ?? [], message.columns ?? 1, message.webApp);
  return undefined;
}

function fileCall(chatId: string, kind: 'document' | 'photo', file: Attachment, caption: string | undefined, markup: Markup | undefined): TelegramCall {
  return {
    method: kind === 'document' ? 'sendDocument' : 'sendPhoto',
    payload: {
      chat_id: chatId,
      [kind]: { source: file.content, filename: file.filename },
      ...(caption ? { caption } : {}),
      ...(markup ? { reply_markup: markup } : {}),
    },
  };
}

/**
 * The calls that deliver one message, in order: long text split under 4,096 characters (the keyboard goes on the
 * last part), a file or photo with the text as its caption when it fits, else text first, then the file.
 */
export function renderMessage(chatId: string, message: OutMessage): TelegramCall[] {
  const markup = markupOf(message);
  const file = message.document ? { kind: 'document' as const, att: message.document } : message.photo ? { kind: 'photo' as const, att: message.photo } : undefined;
  if (file) {
    const caption = file.att.caption ?? message.text;
    if (caption.length <= CAPTION_LIMIT) return [fileCall(chatId, file.kind, file.att, caption, markup)];
    return [...renderText(chatId, message.text, undefined, message.noPreview), fileCall(chatId, file.kind, file.att, file.att.caption, markup)];
  }
  return renderText(chatId, message.text, markup, message.noPreview);
}

function renderText(chatId: string, text: string, markup: Markup | undefined, noPreview = false): TelegramCall[] {
  const parts = splitText(text, TELEGRAM_CAPABILITIES.maxLength).filter((p) => p.trim().length > 0);
  return parts.map((part, i) => ({
    method: 'sendMessage',
    payload: {
      chat_id: chatId,
      text: part,
      ...(noPreview ? { link_preview_options: { is_disabled: true } } : {}),
      ...(markup && i === parts.length - 1 ? { reply_markup: markup } : {}),
    },
  }));
}

/** The text a tapped message keeps once its buttons are gone: what it said, then what was chosen. */
export function tappedEcho(messageText: string, label: string): string {
  const suffix = `\n\n${vi.tapped(label)}`;
  const room = TELEGRAM_CAPABILITIES.maxLength - suffix.length;
  return `${messageText.length > room ? `${messageText.slice(0, room - 1)}…` : messageText}${suffix}`;
}
