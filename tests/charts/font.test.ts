import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { CHART_FONT_FAMILY, chartFontFiles, svgToPng } from '../../src/charts/index.ts';
import { inkPixels } from './svg-text.ts';

function textSvg(text: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80"><text x="20" y="55" style="font-size:40px;font-family:'${CHART_FONT_FAMILY}', sans-serif">${text}</text></svg>`;
}

describe('the shipped chart font', () => {
  it('is a TTF installed with the project, not a system font', () => {
    expect(chartFontFiles.length).toBeGreaterThan(0);
    for (const file of chartFontFiles) {
      expect(file).toMatch(/node_modules\/@expo-google-fonts\/be-vietnam-pro\/.+\.ttf$/u);
      expect(existsSync(file)).toBe(true);
    }
  });

  it('draws text that renders as nothing when no font is loaded', async () => {
    const svg = textSvg('Xã Vạn Thủy');
    const withoutFont = new Resvg(svg, { background: '#ffffff', font: { loadSystemFonts: false } }).render().asPng();
    expect(inkPixels(withoutFont)).toBe(0);
    expect(inkPixels(await svgToPng(svg, { width: 200 }))).toBeGreaterThan(200);
  });

  it('draws the Vietnamese marks: each marked letter leaves more ink than its bare letter', async () => {
    const pairs: [string, string][] = [['ạ', 'a'], ['ủ', 'u'], ['ơ', 'o'], ['ư', 'u'], ['đ', 'd'], ['Đ', 'D'], ['ấ', 'a'], ['ỹ', 'y']];
    for (const [marked, bare] of pairs) {
      const markedInk = inkPixels(await svgToPng(textSvg(marked), { width: 200 }));
      const bareInk = inkPixels(await svgToPng(textSvg(bare), { width: 200 }));
      expect(markedInk, `${marked} vs ${bare}`).toBeGreaterThan(bareInk);
    }
  });
});
