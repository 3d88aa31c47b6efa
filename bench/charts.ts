import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { chartFontFiles, svgToPng, unitsBarChartSvg } from '../src/charts/index.ts';
import { sampleRankedBars } from '../tests/charts/sample-data.ts';
import { percentile, report } from './util.ts';

/**
 * `node --expose-gc --import tsx bench/charts.ts`: one bar chart of 40 units, SVG and PNG (first render, then warm
 * p50/p95), the RSS that loading ECharts adds to an idle process, and the RSS after 30 more charts rendered the way
 * the bot does (event loop free between them, no forced garbage collection).
 */
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
async function rss(collect = true): Promise<number> {
  await settle();
  if (collect) gc();
  return process.memoryUsage().rss;
}

const input = { title: 'Người tham gia theo đơn vị', unitLabel: 'người', bars: sampleRankedBars(40) };
const rssIdle = await rss();

let t = performance.now();
const svg = await unitsBarChartSvg(input);
const firstSvgMs = performance.now() - t;
const rssAfterSvg = await rss();

t = performance.now();
await svgToPng(svg, { width: 1200 });
const firstPngMs = performance.now() - t;
const rssAfterPng = await rss();

const svgMs: number[] = [];
const pngMs: number[] = [];
for (let i = 0; i < 30; i++) {
  t = performance.now();
  const s = await unitsBarChartSvg(input);
  svgMs.push(performance.now() - t);
  t = performance.now();
  await svgToPng(s, { width: 1200 });
  pngMs.push(performance.now() - t);
  await settle();
}
const rssAfterMore = await rss(false);

report('charts: bar chart of 40 units (PNG 1200 px wide)', {
  'first SVG ms (loads echarts)': firstSvgMs,
  'first PNG ms (worker+resvg)': firstPngMs,
  'SVG p50 ms': percentile(svgMs, 50),
  'SVG p95 ms': percentile(svgMs, 95),
  'PNG p50 ms': percentile(pngMs, 50),
  'PNG p95 ms': percentile(pngMs, 95),
  'SVG KB': Math.round(svg.length / 1024),
  'RSS idle MB': mb(rssIdle),
  'RSS added by echarts MB': mb(rssAfterSvg - rssIdle),
  'RSS added by first PNG MB': mb(rssAfterPng - rssAfterSvg),
  'RSS after 30 more, MB': mb(rssAfterMore),
  'font files KB': Math.round(chartFontFiles.reduce((sum, f) => sum + statSync(f).size, 0) / 1024),
});
