import { describe, expect, it } from 'vitest';
import { testClock } from '../helpers/app.ts';
import { waitFor } from '../helpers/wait.ts';
import { browserSuite, playOnce } from './support.ts';

const PEOPLE = [
  { id: 'b1', name: 'Hoàng Văn Minh', commune: 1, phone: '0988000001', answer: 'A' },
  { id: 'b2', name: 'Lý Thị Hoa', commune: 2, phone: '0988000002', answer: 'B' },
  { id: 'b3', name: 'Nông Văn Sơn', commune: 5, phone: '0988000003', answer: 'C' },
  { id: 'b4', name: 'Vi Thị Lan', commune: 7, phone: '0988000004', answer: 'D' },
];

/** The public pages in Debian's Chromium, after simulated citizens have registered and played through the conversation. */
describe('public web pages in a real browser', () => {
  // Round 1 is still open: nobody is a winner yet, so no name at all may appear.
  const clock = testClock('2023-07-05T09:00:00+07:00');
  const t = browserSuite({
    now: clock.now,
    seed: async (app) => {
      for (const person of PEOPLE) {
        clock.advance(60_000);
        await playOnce(app, person);
      }
    },
  });

  it("should show the players' communes on the home page, and no name or phone", async () => {
    const page = await t.browser.context.newPage();
    await page.goto(`${t.web.url}/`);
    const communes = await t.web.app.services.public.figures();
    const played = communes.communes.filter((c) => c.participants > 0).map((c) => c.name);
    expect(played).toHaveLength(4);
    const table = page.locator('#xa table');
    for (const name of played) await expect.poll(() => table.getByRole('link', { name, exact: true }).count()).toBe(1);
    const text = await page.locator('body').innerText();
    expect(text).toContain('Người đã dự thi');
    const html = await page.content();
    for (const p of PEOPLE) {
      expect(html).not.toContain(p.name);
      expect(html).not.toContain(p.phone);
    }
    await page.close();
  });

  it('should draw every Vietnamese letter of a page in the project\'s own font, none in a fallback', async () => {
    const page = await t.browser.context.newPage();
    await page.goto(`${t.web.url}/don-vi/06325`);
    await page.evaluate(() => document.fonts.ready);
    // Every vowel with every tone mark, and đ/Đ, in the page's body text.
    const letters = 'aăâeêioôơuưy'.split('').flatMap((v) => [v, ...['\u0300', '\u0301', '\u0309', '\u0303', '\u0323'].map((t) => (v + t).normalize('NFC'))]);
    const sample = [...letters, 'đ', ...letters.map((l) => l.toUpperCase()), 'Đ'].join(' ');
    await page.evaluate((text) => {
      const p = document.createElement('p');
      p.id = 'font-sample';
      // One line: a space where a line breaks is not drawn, and every character must be counted below.
      p.style.whiteSpace = 'nowrap';
      p.textContent = text;
      document.querySelector('main')!.append(p);
    }, sample);
    // The new letters may need a subset of the font the page had not loaded yet: wait for it and for the line's layout.
    await page.evaluate(async (text) => {
      const p = document.getElementById('font-sample')!;
      await document.fonts.load(`${getComputedStyle(p).fontSize} "Be Vietnam Pro"`, text);
      await document.fonts.ready;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    }, sample);
    // The fonts Chromium really drew the text with (Chrome DevTools Protocol), glyph by glyph.
    const cdp = await t.browser.context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '#font-sample' });
    // Until Chromium has drawn the line it reports no font at all; the first non-empty answer is the one that counts.
    const fonts = await waitFor('the fonts of the sample line', async () => {
      const { fonts: drawn } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      return drawn.length > 0 ? drawn : undefined;
    });
    expect(fonts.map((f) => f.familyName)).toEqual(['Be Vietnam Pro']);
    expect(fonts[0]!.isCustomFont).toBe(true);
    expect(fonts[0]!.glyphCount).toBe([...sample].length);
    await page.close();
  });

  it("should show a unit's QR code, and link to it from the unit list", async () => {
    const page = await t.browser.context.newPage();
    await page.goto(`${t.web.url}/don-vi`);
    await page.getByRole('link', { name: 'Thị trấn Bắc Sơn', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe('/don-vi/06325');
    await expect.poll(() => page.locator('h1').innerText()).toBe('Thị trấn Bắc Sơn');
    const qr = page.getByRole('img', { name: 'Mã QR: Tham gia qua Telegram' });
    const box = await qr.locator('svg').boundingBox();
    expect(box?.width).toBeGreaterThan(100);
    expect(box?.height).toBeGreaterThan(100);
    await page.close();
  });

  it('should answer an unknown unit with the Vietnamese 404 page', async () => {
    const page = await t.browser.context.newPage();
    const res = await page.goto(`${t.web.url}/don-vi/khongco`);
    expect(res?.status()).toBe(404);
    expect(await page.locator('h1').innerText()).toBe('Không tìm thấy trang');
    expect(await page.locator('main').innerText()).toContain('Không có đơn vị nào mang mã "khongco".');
    await page.close();
  });

  it("should print a unit's poster on one A4 page", async () => {
    const page = await t.browser.context.newPage();
    await page.goto(`${t.web.url}/don-vi/06325/poster`);
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page\b/gu)).toHaveLength(1);
    // A4 portrait in points: 595 × 842.
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/u.exec(pdf)!;
    expect([Math.round(Number(box[1])), Math.round(Number(box[2]))]).toEqual([595, 842]);
    await page.close();
  });

  it('should fit a 360×740 phone screen without horizontal scrolling', async () => {
    const page = await t.browser.context.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ['/', '/don-vi', '/don-vi/06325', '/don-vi/06325/poster', '/the-le']) {
      await page.goto(`${t.web.url}${path}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
    }
    await page.close();
  });
});
