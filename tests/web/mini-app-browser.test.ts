import { describe, expect, it } from 'vitest';
import { testClock, textUser } from '../helpers/app.ts';
import { initDataFor } from '../helpers/mini-app.ts';
import { browserSuite } from './support.ts';

const TOKEN = '7000000001:AAH-mini-app-browser-token_abcdefgh';

/**
 * The Mini App door in Chromium, opened as Telegram opens it: the entry page with initData in the address's hash. Its
 * same-origin script runs under the quiz pages' CSP, posts initData, and the attempt is played with no cookie at all.
 */
describe('web quiz: the Telegram Mini App in a real browser', () => {
  const clock = testClock('2023-07-05T09:00:00+07:00');
  const t = browserSuite({ now: clock.now, env: { PUBLIC_BASE_URL: 'http://127.0.0.1', TELEGRAM_BOT_TOKEN: TOKEN } });

  it('should sign in from tgWebAppData and finish an attempt, the session only in the forms', async () => {
    await textUser(t.web.app, '5100001', { channel: 'telegram' }).register('Đỗ Minh Châu', 1);
    const page = await t.browser.context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    await page.setViewportSize({ width: 360, height: 740 });
    const launch = new URLSearchParams({ tgWebAppData: initDataFor(TOKEN, 5100001, clock.now()), tgWebAppVersion: '8.0', tgWebAppPlatform: 'android' });
    await page.goto(`${t.web.url}/thi/mini-app#${launch.toString()}`);
    await expect.poll(() => page.getByRole('button', { name: 'Bắt đầu lượt thi' }).count()).toBe(1);
    expect(await page.getByText('Bạn đang làm bài với tên: Đỗ Minh Châu').count()).toBe(1);
    await page.getByRole('button', { name: 'Bắt đầu lượt thi' }).click();
    for (let q = 1; q <= 10; q++) {
      await expect.poll(() => page.locator('legend').innerText()).toContain(`Câu ${q}/10`);
      await page.locator('label.option').nth(q % 4).locator('span').click();
      clock.advance(2_000);
      await page.getByRole('button', { name: 'Trả lời' }).click();
    }
    await expect.poll(() => page.locator('main h1').innerText()).toBe('Kết quả lượt thi');
    expect(await page.locator('main').innerText()).toMatch(/Bạn trả lời đúng \d+\/10 câu trong 20 giây/u);
    expect(await t.browser.context.cookies()).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('should say to open it from Telegram when there is no initData', async () => {
    const page = await t.browser.context.newPage();
    await page.goto(`${t.web.url}/thi/mini-app`);
    await expect.poll(() => page.getByText('Trang này chỉ mở được từ nút "Làm bài trên web" trong chat Telegram').isVisible()).toBe(true);
    expect(await page.getByText('Đang mở bài thi…').isVisible()).toBe(false);
    await page.close();
  });
});
