import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testClock } from '../helpers/app.ts';
import { chatPerson } from './quiz-support.ts';
import { browserSuite } from './support.ts';

/**
 * The web quiz in Debian's Chromium at a phone's size: a person of the local chat opens the link /thi gave, presses
 * "Vào làm bài" and answers a whole attempt with radio buttons. The screenshot is left in SCREENSHOT_DIR when set.
 */
describe('web quiz in a real browser', () => {
  const clock = testClock('2023-07-05T09:00:00+07:00');
  // A plain-http address: the browser talks to 127.0.0.1, so the cookies are not Secure here.
  const t = browserSuite({ now: clock.now, env: { PUBLIC_BASE_URL: 'http://127.0.0.1' } });

  it('should let a local-chat person open the link and finish an attempt on a 360×740 screen without horizontal scrolling', async () => {
    const person = await chatPerson(t.web.app, 'local-1', 'Hoàng Thị Mai', 'terminal');
    const { url } = await person.thi();
    const page = await t.browser.context.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    const noScroll = async (what: string) => expect(await page.evaluate(() => document.documentElement.scrollWidth), what).toBeLessThanOrEqual(360);
    await page.goto(url.replace('http://127.0.0.1', t.web.url));
    await noScroll('link page');
    await page.getByRole('button', { name: 'Vào làm bài' }).click();
    await page.waitForURL(/\/thi$/u);
    await expect.poll(() => page.getByText('Bạn đang làm bài với tên: Hoàng Thị Mai').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Không phải tôi' }).count()).toBe(1);
    expect(await page.locator('meta[name="viewport"]').getAttribute('content')).not.toContain('maximum-scale');
    for (let q = 1; q <= 10; q++) {
      await expect.poll(() => page.locator('legend').innerText()).toContain(`Câu ${q}/10`);
      await expect.poll(() => page.getByText(/^Nộp trước 09:15$/u).count()).toBe(1);
      await noScroll(`question ${q}`);
      // Every option is a tap target of 44 px or more, its text 16 px or more.
      const sizes = await page.locator('label.option').evaluateAll((labels) =>
        labels.map((l) => ({ height: l.getBoundingClientRect().height, font: parseFloat(getComputedStyle(l).fontSize) })),
      );
      expect(sizes).toHaveLength(4);
      for (const s of sizes) {
        expect(s.height).toBeGreaterThanOrEqual(44);
        expect(s.font).toBeGreaterThanOrEqual(16);
      }
      const submit = await page.getByRole('button', { name: 'Trả lời' }).boundingBox();
      expect(submit!.height).toBeGreaterThanOrEqual(44);
      if (q === 1 && process.env.SCREENSHOT_DIR) {
        mkdirSync(process.env.SCREENSHOT_DIR, { recursive: true });
        await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'web-quiz-question-360.png'), fullPage: true });
      }
      // Tapping the option's text (its label) chooses it.
      await page.locator('label.option').nth(q % 4).locator('span').click();
      clock.advance(2_000);
      await page.getByRole('button', { name: 'Trả lời' }).click();
    }
    await page.waitForURL(/\/thi\/ket-qua\/\d+$/u);
    const text = await page.locator('main').innerText();
    expect(text).toContain('Kết quả lượt thi');
    expect(text).toMatch(/Bạn trả lời đúng \d+\/10 câu trong 20 giây/u);
    expect(text).toContain('Bạn còn 2 lượt thi trong vòng này');
    expect(await page.getByRole('button', { name: 'Thi lượt tiếp' }).count()).toBe(1);
    // Every piece of text in the page is 16 px or more.
    const smallest = await page.evaluate(() => Math.min(...[...document.querySelectorAll('main *, .userbar *, footer *')].filter((e) => e.textContent?.trim()).map((e) => parseFloat(getComputedStyle(e).fontSize))));
    expect(smallest).toBeGreaterThanOrEqual(16);
    await noScroll('result');
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'web-quiz-result-360.png'), fullPage: true });
    // The prediction question: a labelled field for the numeric keypad, 16 px text, a 44 px target.
    const field = page.getByLabel(t.web.app.campaign.predictionQuestion);
    expect(await field.getAttribute('inputmode')).toBe('numeric');
    const box = await field.evaluate((e) => ({ height: e.getBoundingClientRect().height, font: parseFloat(getComputedStyle(e).fontSize) }));
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.font).toBeGreaterThanOrEqual(16);
    expect((await page.getByRole('button', { name: 'Gửi dự đoán' }).boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await field.fill('khoảng 100');
    await page.getByRole('button', { name: 'Gửi dự đoán' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('Vui lòng gõ một số nguyên không âm');
    await noScroll('prediction refused');
    await page.getByLabel(t.web.app.campaign.predictionQuestion).fill('150');
    await page.getByRole('button', { name: 'Gửi dự đoán' }).click();
    await page.waitForURL(/\/thi\/ket-qua\/\d+$/u);
    await expect.poll(() => page.locator('main').innerText()).toContain('Đã ghi nhận dự đoán của bạn: 150.');
    await noScroll('result with the prediction');
    // The chat sees the same attempt finished.
    expect(await person.user.say('/ketqua')).toMatch(/1\. Tuần 1: \d+\/10 điểm, 20 giây/u);
    await page.close();
  });

  it('should not scroll sideways at 360 px with the root font size doubled (200% text)', async () => {
    const person = await chatPerson(t.web.app, 'local-2', 'Lương Văn Phúc', 'terminal');
    const { url } = await person.thi();
    const page = await t.browser.context.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    const doubled = async (what: string) => {
      await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
      expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize)), what).toBe(32);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), what).toBeLessThanOrEqual(360);
    };
    await page.goto(url.replace('http://127.0.0.1', t.web.url));
    await doubled('link page');
    await page.getByRole('button', { name: 'Vào làm bài' }).click();
    await page.waitForURL(/\/thi$/u);
    for (let q = 1; q <= 10; q++) {
      await expect.poll(() => page.locator('legend').innerText()).toContain(`Câu ${q}/10`);
      if (q === 1) await doubled('question');
      await page.locator('label.option').nth(0).click();
      await page.getByRole('button', { name: 'Trả lời' }).click();
    }
    await page.waitForURL(/\/thi\/ket-qua\/\d+$/u);
    await doubled('result with the prediction question');
    await page.close();
  });
});
