import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/index.ts';
import { currentQuestion, readQuestion, registerByTaps, sayAndExpect, startTestBot, tempDir, type TestBot } from '../../helpers/telegram.ts';

/** /thi on Telegram offers the web quiz's Mini App (issue 22) when the pages are on https, as Telegram requires. */
describe('Telegram /thi: the Mini App button', () => {
  let fake: FakeTelegram;
  let bot: TestBot | undefined;
  let dir: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    dir = tempDir();
    fake = await startFakeTelegram();
  });
  afterEach(async () => {
    await bot?.stop();
    await fake.close();
    dir.remove();
  });

  it('should put "🌐 Làm bài trên web" (web_app) below the first question\'s answer buttons when PUBLIC_BASE_URL is https', async () => {
    bot = await startTestBot(fake, dir.path, { env: { PUBLIC_BASE_URL: 'https://cds.example.vn/' } });
    const lan = fake.user(2001, 'Lan');
    await registerByTaps(fake, lan, 'Xã Tân Tri', 'Nguyễn Thị Lan');
    await sayAndExpect(fake, lan, '/thi', /^Câu 1\/10/u);
    const q = currentQuestion(lan)!;
    const rows = q.reply_markup!.inline_keyboard!;
    expect(rows.at(-1)).toEqual([{ text: '🌐 Làm bài trên web', web_app: { url: 'https://cds.example.vn/thi/mini-app' } }]);
    expect(rows.slice(0, -1).flat().map((b) => b.text)).toEqual(readQuestion(bot.app, q).labels);
    // No one-time link in the text: the button is the door.
    expect(lan.messages().map((m) => m.text ?? '').join('\n')).not.toContain('/thi/vao');
  });

  it('should offer no Mini App button on plain http', async () => {
    bot = await startTestBot(fake, dir.path, { env: { PUBLIC_BASE_URL: 'http://cds.example.vn' } });
    const minh = fake.user(2002, 'Minh');
    await registerByTaps(fake, minh, 'Xã Tân Tri', 'Trần Văn Minh');
    await sayAndExpect(fake, minh, '/thi', /^Câu 1\/10/u);
    const q = currentQuestion(minh)!;
    expect(q.reply_markup!.inline_keyboard!.flat().some((b) => b.web_app)).toBe(false);
    expect(q.reply_markup!.inline_keyboard!.flat().map((b) => b.text)).toEqual(readQuestion(bot.app, q).labels);
  });
});
