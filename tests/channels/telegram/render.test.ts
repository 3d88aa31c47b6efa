import { describe, expect, it } from 'vitest';
import { toSendError } from '../../../src/channels/telegram/api.ts';
import { translateUpdate } from '../../../src/channels/telegram/inbound.ts';
import { renderMessage, tappedEcho } from '../../../src/channels/telegram/render.ts';
import { TelegramError } from 'telegraf';
import type { Update } from 'telegraf/types';

const choices = (n: number) => Array.from({ length: n }, (_, i) => ({ data: `c:${i}`, label: `Xã ${i}`, key: String(i + 1) }));

describe('Telegram rendering and translation', () => {
  it('should put choices in rows of `columns` on the last part of a long text', () => {
    const calls = renderMessage('42', { text: `${'a'.repeat(4000)}\n${'b'.repeat(200)}`, choices: choices(5), columns: 2 });
    expect(calls.map((c) => c.method)).toEqual(['sendMessage', 'sendMessage']);
    expect(calls[0]!.payload.reply_markup).toBeUndefined();
    const markup = calls[1]!.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
    expect(markup.inline_keyboard.map((r) => r.length)).toEqual([2, 2, 1]);
    expect(markup.inline_keyboard[0]![1]).toEqual({ text: 'Xã 1', callback_data: 'c:1' });
  });

  it('should put a Mini App (web_app) button in a row of its own below the choices, or alone', () => {
    const webApp = { label: 'Web', url: 'https://cds.example.vn/thi/mini-app' };
    const [withChoices] = renderMessage('42', { text: 'Câu 1', choices: choices(2), columns: 2, webApp });
    expect(withChoices!.payload.reply_markup).toEqual({
      inline_keyboard: [[{ text: 'Xã 0', callback_data: 'c:0' }, { text: 'Xã 1', callback_data: 'c:1' }], [{ text: 'Web', web_app: { url: webApp.url } }]],
    });
    const [alone] = renderMessage('42', { text: 'Mở', webApp });
    expect(alone!.payload.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Web', web_app: { url: webApp.url } }]] });
  });

  it('should offer the contact button with the other choices as keyboard buttons', () => {
    const [call] = renderMessage('42', { text: 'SĐT?', requestContact: true, choices: [{ data: 'p:-', label: 'Bỏ qua', key: '0' }] });
    expect(call!.payload.reply_markup).toMatchObject({ keyboard: [[{ request_contact: true }], [{ text: 'Bỏ qua' }]], one_time_keyboard: true });
  });

  it('should send a file with its text as caption, or the text first when too long for a caption', () => {
    const doc = { filename: 'a.xlsx', content: Buffer.from('x'), mime: 'application/octet-stream' };
    expect(renderMessage('1', { text: 'Báo cáo', document: doc }).map((c) => [c.method, c.payload.caption])).toEqual([['sendDocument', 'Báo cáo']]);
    expect(renderMessage('1', { text: 'x'.repeat(2000), photo: doc }).map((c) => c.method)).toEqual(['sendMessage', 'sendPhoto']);
  });

  it('should keep an echo under the message limit', () => {
    expect(tappedEcho('q'.repeat(5000), 'Xã Tân Tri').length).toBeLessThanOrEqual(4096);
    expect(tappedEcho('Câu hỏi', 'Xã Tân Tri')).toBe('Câu hỏi\n\n➡️ Bạn chọn: Xã Tân Tri');
  });

  it('should translate private messages, contacts and taps, and say which chats are groups', () => {
    const opts = { adminIds: new Set(['7']), username: () => 'cds_bot' };
    const from = { id: 7, is_bot: false, first_name: 'An', last_name: 'Lê' };
    const text = translateUpdate({ update_id: 1, message: { message_id: 1, date: 0, chat: { id: 7, type: 'private', first_name: 'An' }, from, text: '/thi' } } as Update, opts);
    expect(text?.event).toMatchObject({ userId: '7', chatId: '7', chatKind: 'private', displayName: 'An Lê', isAdmin: true, input: { kind: 'text', text: '/thi' } });
    expect(text?.event.botLink).toBe('https://t.me/cds_bot');
    expect(text?.event.inviteLink('r-abc')).toBe('https://t.me/cds_bot?start=r-abc');
    const contact = translateUpdate({ update_id: 2, message: { message_id: 2, date: 0, chat: { id: 7, type: 'private', first_name: 'An' }, from, contact: { phone_number: '+84912', first_name: 'An', user_id: 8 } } } as Update, opts);
    expect(contact?.event.input).toEqual({ kind: 'contact', phone: '+84912', own: false });
    const group = translateUpdate({ update_id: 3, message: { message_id: 3, date: 0, chat: { id: -5, type: 'group', title: 'g' }, from, text: 'hi' } } as Update, opts);
    expect(group?.event).toMatchObject({ chatId: '-5', chatKind: 'group' });
    for (const type of ['supergroup', 'channel']) {
      const other = translateUpdate({ update_id: 5, message: { message_id: 5, date: 0, chat: { id: -6, type, title: 'g' }, from, text: 'hi' } } as Update, opts);
      expect(other?.event.chatKind).toBe('group');
    }
    const message = { message_id: 9, date: 0, chat: { id: 7, type: 'private' }, text: 'Câu 1', reply_markup: { inline_keyboard: [[{ text: 'A. Một', callback_data: 'a:1:0:0' }]] } };
    const tap = translateUpdate({ update_id: 4, callback_query: { id: 'q', from, chat_instance: 'c', data: 'a:1:0:0', message } } as unknown as Update, opts);
    expect(tap?.tapped).toEqual({ queryId: 'q', data: 'a:1:0:0', messageId: 9, text: 'Câu 1', label: 'A. Một' });
  });

  it('should map Bot API failures to send error kinds by code', () => {
    const err = (code: number, extra = {}) => new TelegramError({ error_code: code, description: 'x', ...extra });
    expect(toSendError(err(429, { parameters: { retry_after: 3 } }), 'sendMessage')).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3000 });
    expect(toSendError(err(403), 'sendMessage').kind).toBe('unreachable');
    expect(toSendError(err(502), 'sendMessage').kind).toBe('transient');
    expect(toSendError(err(400), 'sendMessage').kind).toBe('rejected');
    expect(toSendError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'sendMessage').kind).toBe('transient');
  });
});
