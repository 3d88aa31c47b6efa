import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import type { Inbound, InboundEvent, Reply } from '../../src/contract/messages.ts';
import { findParticipant } from '../../src/storage/repos/participants.ts';
import { appPerTest, textUser } from '../helpers/app.ts';

/** A person on a channel with buttons and a contact button (like Telegram), with a platform display name. */
function telegramLike(app: App, userId: string, displayName: string) {
  const event = (input: Inbound): InboundEvent => ({
    channel: 'test',
    userId,
    chatId: userId,
    displayName,
    isAdmin: false,
    capabilities: { buttons: true, maxLength: 4096, contactButton: true },
    inviteLink: (payload) => `/start ${payload}`,
    input,
  });
  return {
    send: (input: Inbound): Promise<Reply> => app.conversation.handle(event(input)),
    text: (text: string): Promise<Reply> => app.conversation.handle(event({ kind: 'text', text })),
  };
}

const labels = (reply: Reply) => reply.messages.flatMap((m) => m.choices ?? []).map((c) => c.label);
const texts = (reply: Reply) => reply.messages.map((m) => m.text).join('\n');

describe('registration input', () => {
  const t = appPerTest('2023-07-05T10:00:00+07:00');

  /** Consent, first commune, no agency: the name question. */
  async function toNameStep(u: ReturnType<typeof telegramLike>): Promise<Reply> {
    await u.text('/start');
    await u.text('1');
    await u.text('1');
    await u.text('1'); // yes, that commune
    return u.text('0');
  }

  it('should refuse "--" and other names without letters, as typed in the local chat', async () => {
    const u = textUser(t.app, 'dashes');
    await u.say('/start');
    await u.say('1');
    await u.say('1');
    await u.say('1'); // yes, that commune
    await u.say('0');
    for (const bad of ['--', '..', '\u3164\u3164', '\u0301\u0301']) expect(await u.say(bad)).toContain('chỉ gồm chữ cái');
    expect(await u.say('0')).toContain('chỉ gồm chữ cái');
    expect((await findParticipant(t.app.db, 'test', 'dashes'))!.full_name).toBeNull();
  });

  it('should never offer a display name that is blank fillers or punctuation as the "Dùng tên" button', async () => {
    for (const [id, blank] of [['filler', '\u3164'], ['halfwidth', '\uffa0\uffa0'], ['dots', '..'], ['jamo', '\u115f\u1160']] as const) {
      const reply = await toNameStep(telegramLike(t.app, id, blank));
      expect(texts(reply)).toContain('nhập họ và tên');
      expect(labels(reply)).toEqual([]);
    }
    const real = await toNameStep(telegramLike(t.app, 'real', 'Hoàng Minh'));
    expect(labels(real)).toEqual(['Dùng tên: Hoàng Minh']);
  });

  it('should refuse names of look-alike characters, typed or offered as the display name, and take a real one', async () => {
    const u = telegramLike(t.app, 'lookalike', 'ᴬᴰᴹᴵᴺ');
    expect(labels(await toNameStep(u))).toEqual([]);
    for (const bad of ['Ⅻ Ⅲ', 'ǀǀ ǁǁ', 'Ｈｏａｎｇ', 'ᴬᴰᴹᴵᴺ']) expect(texts(await u.text(bad)), bad).toContain('chỉ gồm chữ cái');
    expect((await findParticipant(t.app.db, 'test', 'lookalike'))!.full_name).toBeNull();
    await u.text('Đặng Thị Hương');
    expect((await findParticipant(t.app.db, 'test', 'lookalike'))!.full_name).toBe('Đặng Thị Hương');
  });

  it('should check a phone shared by the contact button like a typed one', async () => {
    const u = telegramLike(t.app, 'sharer', 'Lò Văn Sáng');
    await toNameStep(u);
    await u.text('Lò Văn Sáng');
    const foreign = await u.send({ kind: 'contact', phone: '+14155550100', own: true });
    expect(texts(foreign)).toContain('Số điện thoại chưa đúng');
    expect((await findParticipant(t.app.db, 'test', 'sharer'))!.phone).toBeNull();
    const done = await u.send({ kind: 'contact', phone: '84912345678', own: true });
    expect(texts(done)).toContain('Đăng ký thành công');
    expect((await findParticipant(t.app.db, 'test', 'sharer'))!.phone).toBe('0912345678');
  });

  it('should name the maximum when a prediction is over it', async () => {
    const u = textUser(t.app, 'guesser');
    await u.register('Hà Văn Đoán');
    await u.say('/thi');
    for (let i = 0; i < 10; i++) await u.say('A');
    expect(await u.say('20000000')).toContain('Số dự đoán tối đa là 10.000.000');
    expect(await u.say('nhiều lắm')).toContain('số nguyên không âm');
    expect(await u.say('10.000.000')).toContain('Đã ghi nhận dự đoán của bạn: 10.000.000');
  });
});
