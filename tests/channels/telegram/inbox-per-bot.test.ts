import { afterEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/index.ts';
import { botSays, startTestBot, tempDir, type TestBot } from '../../helpers/telegram.ts';

// Update ids are numbered per bot by the Bot API server that hands them out: every fake starts at 1.
describe('one database, one bot after another', () => {
  const dir = tempDir();
  const running: { fake: FakeTelegram; bot: TestBot }[] = [];
  afterEach(async () => {
    for (const { fake, bot } of running.splice(0)) {
      await bot.stop();
      await fake.close();
    }
    dir.remove();
  });

  /** A bot on the test's database (the same every time), behind a fake Bot API of its own; the previous one stopped. */
  async function botOn(token?: string) {
    for (const { fake, bot } of running.splice(0)) {
      await bot.stop();
      await fake.close();
    }
    const fake = await startFakeTelegram(token ? { token } : {});
    const bot = await startTestBot(fake, dir.path);
    running.push({ fake, bot });
    return fake;
  }

  it("should serve another bot's updates and the same bot's behind another Bot API server, whose update ids the first one used", async () => {
    const first = await botOn();
    const an = first.user(7301, 'An');
    expect(an.send('/start')).toBe(1);
    await botSays(first, an, /Chào mừng/u);

    // Another bot (another token) on the same database: its update 1 is not the first bot's update 1.
    const other = await botOn('987654321:OTHER-fake-token_abcdefghijklmn');
    const binh = other.user(7302, 'Bình');
    expect(binh.send('/start')).toBe(1);
    await botSays(other, binh, /Chào mừng/u);

    // The first bot again, behind another Bot API server (a self-hosted one): its numbering starts over too.
    const moved = await botOn();
    const chi = moved.user(7303, 'Chi');
    expect(chi.send('/start')).toBe(1);
    await botSays(moved, chi, /Chào mừng/u);
  });
});
