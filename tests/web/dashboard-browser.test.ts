import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram/index.ts';
import { ADMIN_ID, sayAndExpect, startTestBot, tempDir, type TestBot } from '../helpers/telegram.ts';
import { CODE, expectNoOutsiders, seedTwoCommunes, TOWN, VU_LE, workbookText } from '../helpers/officials.ts';
import { LINK } from './dashboard-support.ts';
import { openBrowser } from './support.ts';

const UNIT_OFFICIAL = 5001;

/** The officials' dashboard in Debian's Chromium, signed into with links the bot sends through the fake Telegram. */
describe("officials' dashboard in a real browser", () => {
  let fake: FakeTelegram;
  let bot: TestBot;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let skewMs = 0;
  const dir = tempDir();
  const district = () => fake.user(ADMIN_ID, 'Cán bộ huyện');
  const official = () => fake.user(UNIT_OFFICIAL, 'Cán bộ', 'Thị trấn');

  /** `/web` in the official's Telegram chat: the link the bot sent, checked to carry no preview. */
  async function linkFor(user: ReturnType<typeof district>): Promise<string> {
    const message = await sayAndExpect(fake, user, '/web', /Đường link đăng nhập trang quản trị/u);
    const sent = fake.sent.find((s) => s.messageId === message.message_id)!;
    expect(sent.params.link_preview_options).toEqual({ is_disabled: true });
    return LINK.exec(message.text ?? '')![1]!;
  }
  async function signInWith(page: Page, link: string): Promise<void> {
    await page.goto(link);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/quan-tri$/u);
  }

  beforeAll(async () => {
    fake = await startFakeTelegram();
    bot = await startTestBot(fake, dir.path, { web: true, now: () => Date.now() + skewMs });
    await seedTwoCommunes(bot.app, 3);
    const ask = await sayAndExpect(fake, district(), `/capquyen ${TOWN.code}`, /Mã cấp quyền cán bộ Thị trấn Bắc Sơn/u);
    await sayAndExpect(fake, official(), `/nhanquyen ${CODE.exec(ask.text ?? '')![1]!}`, /Bạn đã được cấp quyền cán bộ Thị trấn Bắc Sơn/u);
    browser = await openBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
    await fake?.close();
    dir.remove();
  });

  it('should sign a district official in from the link, show the dashboard and download the workbook', async () => {
    const link = await linkFor(district());
    expect(link.startsWith(`http://127.0.0.1:${bot.port}/quan-tri/dang-nhap?t=`)).toBe(true);
    const page = await browser.context.newPage();
    await signInWith(page, link);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Tổng quan');
    const main = await page.locator('main').innerText();
    expect(main).toMatch(/Người đăng ký\s+7/u);
    expect(main).toContain('Tham gia theo ngày');
    await page.getByRole('link', { name: 'Tải báo cáo' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Báo cáo kết quả (Excel)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^bao-cao-.+\.xlsx$/u);
    const content = readFileSync(await download.path());
    expect(content.subarray(0, 2).toString()).toBe('PK');
    const book = await workbookText(content);
    expect(book.sheets).toContain('Cá nhân');
    expect(book.text).toContain('Hoàng Văn An');
    await page.close();
  });

  it('should refuse a reused link and an expired one with a Vietnamese page', async () => {
    const page = await browser.context.newPage();
    const link = await linkFor(district());
    await signInWith(page, link);
    const reused = await page.goto(link);
    expect(reused?.status()).toBe(410);
    expect(await page.locator('main').innerText()).toContain('Đường link này đã được dùng.');
    const old = await linkFor(district());
    skewMs = 11 * 60_000;
    try {
      const expired = await page.goto(old);
      expect(expired?.status()).toBe(410);
      expect(await page.locator('main').innerText()).toContain('Đường link đã hết hạn');
    } finally {
      skewMs = 0;
    }
    await page.close();
  });

  it("should give a unit official their unit's list and 403 on another unit", async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await signInWith(page, await linkFor(official()));
    await page.getByRole('link', { name: 'Người dự thi' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe(`Người dự thi — ${TOWN.name}`);
    expect(await page.locator('table.people').innerText()).toContain('Hoàng Văn An');
    const other = await page.goto(`http://127.0.0.1:${bot.port}/quan-tri/don-vi/${VU_LE.code}`);
    expect(other?.status()).toBe(403);
    expect(await page.locator('h1').innerText()).toBe('Không có quyền truy cập');
    expect(await page.locator('main').innerText()).toContain(`Bạn là cán bộ của ${TOWN.name}, chỉ xem được trang của đơn vị mình.`);
    expectNoOutsiders(await page.content());
    await page.close();
  });

  it('should fit a 360×740 phone screen without horizontal scrolling', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    await signInWith(page, await linkFor(district()));
    for (const path of ['/quan-tri', '/quan-tri/don-vi', `/quan-tri/don-vi/${TOWN.code}`, '/quan-tri/cau-hoi', '/quan-tri/tai-ve', '/quan-tri/dang-nhap']) {
      await page.goto(`http://127.0.0.1:${bot.port}${path}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
    }
    await page.close();
  });
});
