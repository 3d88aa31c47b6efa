import { describe, expect, it, onTestFinished } from 'vitest';
import { findParticipant } from '../../src/storage/repos/participants.ts';
import { startFakeTelegram, type FakeTelegram, type FakeUser } from '../support/fake-telegram/index.ts';
import { ADMIN_ID, registerByTaps, sayAndExpect, startTestBot, tempDir } from '../helpers/telegram.ts';
import { startZaloTestBot, useZaloFixture, ZALO_ADMIN, zaloSays, zaloUser } from '../helpers/zalo.ts';

const GROUP_REPLY = /nhắn riêng cho bot/u;

describe('private chats only, on Telegram', () => {
  const GROUP = -100_777;
  let fake: FakeTelegram;

  /** A message of `user` in the group (a supergroup, as Telegram makes them). */
  const inGroup = (user: FakeUser, text: string) =>
    fake.pushUpdate({
      message: {
        message_id: Math.floor(Math.random() * 1e9),
        date: Math.floor(Date.now() / 1000),
        chat: { id: GROUP, type: 'supergroup', title: 'Nhóm thôn Bản Hẻ' },
        from: { id: user.id, is_bot: false, first_name: 'Người' },
        text,
        ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] } : {}),
      },
    });
  const groupTexts = () => fake.sentTo(GROUP).map((e) => e.text ?? `[${e.method}]`);

  it('should answer a group once with the bot link, never register, move a chat or run an official command there, restarts included', async () => {
    const dir = tempDir();
    fake = await startFakeTelegram();
    let bot = await startTestBot(fake, dir.path);
    onTestFinished(async () => {
      await bot.stop();
      await fake.close();
      dir.remove();
    });
    const citizen = fake.user(5101, 'Lan');
    await registerByTaps(fake, citizen, 'Xã Tân Tri', 'Hoàng Thị Lan');
    const stranger = fake.user(5102, 'Khách');
    const official = fake.user(ADMIN_ID, 'Cán bộ');

    inGroup(stranger, '/start');
    const first = await fake.waitFor(() => fake.sentTo(GROUP)[0], { what: 'the group notice' });
    expect(first.text).toMatch(GROUP_REPLY);
    expect(first.text).toContain('https://t.me/cds_test_bot');
    inGroup(citizen, '/thi');
    inGroup(official, '/xuat');
    await sayAndExpect(fake, official, '/bxhxa', /Xếp hạng xã, thị trấn/u);
    // Stopping finishes every update in hand: the group's were handled, not lost.
    await bot.stop();

    // A restart keeps "once": the group gets nothing more.
    bot = await startTestBot(fake, dir.path);
    inGroup(citizen, 'thi');
    await sayAndExpect(fake, citizen, '/ketqua', /chưa hoàn thành lượt thi nào/u);
    await bot.telegram.stop();

    expect(groupTexts()).toEqual([first.text]);
    expect(fake.calls.some((c) => c.method === 'sendDocument')).toBe(false);
    expect(await findParticipant(bot.app.db, 'telegram', String(stranger.id))).toBeUndefined();
    const lan = (await findParticipant(bot.app.db, 'telegram', String(citizen.id)))!;
    expect(lan.chat_id).toBe(String(citizen.id));
  });
});

describe('private chats only, on Zalo', () => {
  const GROUP = 'group0a1b2c3d';
  const CITIZEN = 'f0e1d2c3b4a59687';
  const t = useZaloFixture('cds-zalo-group-');

  const inGroup = (userId: string, text: string) => {
    const update = t.fake.makeUpdate(userId, text);
    update.message.chat = { id: GROUP, chat_type: 'GROUP' };
    return t.fake.deliver(update);
  };

  it('should answer a group once with ZALO_BOT_LINK and keep registration, chats and official commands private, restarts included', async () => {
    const { fake } = t;
    const env = { ZALO_BOT_LINK: 'https://zalo.me/2223334445556667' };
    t.bot = await startZaloTestBot(fake, t.dir.path, { env });
    const u = zaloUser(fake, CITIZEN);
    await u.say('/start', /Nghị định 13\/2023/u);

    expect(await inGroup('stranger01', '/start')).toBe(200);
    const notice = await zaloSays(fake, GROUP, GROUP_REPLY);
    expect(notice).toContain('https://zalo.me/2223334445556667');
    await inGroup(CITIZEN, '1');
    await inGroup(ZALO_ADMIN, '/xuat');
    await u.say('1', /xã, thị trấn nào/u);
    await zaloUser(fake, ZALO_ADMIN).say('/bxhxa', /Xếp hạng xã, thị trấn/u);
    // Stopping finishes every update in hand: the group's were handled, not lost.
    await t.bot.stop();

    t.bot = await startZaloTestBot(fake, t.dir.path, { env });
    await inGroup(CITIZEN, 'Tân Tri');
    await u.say('Tân Tri', /Bạn chọn Xã Tân Tri\?/u);
    await t.bot.zalo.stop();

    expect(fake.sent.get(GROUP)).toEqual([notice]);
    expect(await findParticipant(t.bot.app.db, 'zalo', 'stranger01')).toBeUndefined();
    const p = (await findParticipant(t.bot.app.db, 'zalo', CITIZEN))!;
    expect([p.chat_id, p.step]).toEqual([CITIZEN, 'confirm_commune']);
  });
});
