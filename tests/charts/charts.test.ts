import { describe, expect, it } from 'vitest';
import { participationLineChartSvg, svgToPng, unitsBarChartSvg, unitsGroupedBarChartSvg } from '../../src/charts/index.ts';
import { sampleFinishedVsRegistered, sampleParticipation, sampleRankedBars } from './sample-data.ts';
import { pngSize, showsWhole, svgTexts } from './svg-text.ts';

describe('units bar chart', () => {
  it('shows all 40 units whole, in rank order, with their figures in Vietnamese notation', async () => {
    const bars = sampleRankedBars(40);
    const svg = await unitsBarChartSvg({ title: 'Người tham gia theo đơn vị', unitLabel: 'người', bars });
    const texts = svgTexts(svg);
    expect(texts).toContain('Người tham gia theo đơn vị');
    expect(texts).toContain('Xã Vạn Thủy');
    expect(texts).toContain('Thị trấn Bắc Sơn');
    for (const bar of bars) expect(showsWhole(texts, bar.label), bar.label).toBe(true);
    expect(texts).toContain('3.231'); // the first bar's value, thousands with a dot
    const first = texts.findIndex((t) => t === bars[0]?.label);
    const last = texts.findIndex((t) => t === bars.at(-1)?.label);
    expect(first).toBeLessThan(last);
  });

  it('shows decimals with a comma for figures per 1,000 inhabitants', async () => {
    const svg = await unitsBarChartSvg({
      title: 'Trên 1.000 dân',
      unitLabel: 'người / 1.000 dân',
      decimals: 1,
      bars: [{ label: 'Xã Đồng Ý', value: 12.46 }, { label: 'Xã Hưng Vũ', value: 3 }],
    });
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(['12,5', '3,0', 'người / 1.000 dân']));
  });

  it('wraps a very long name over lines instead of cutting it, and escapes markup in names', async () => {
    const long = 'Ban Quản lý dự án đầu tư xây dựng và phát triển quỹ đất huyện Bắc Sơn tỉnh Lạng Sơn';
    const svg = await unitsBarChartSvg({ title: 'A & B', unitLabel: 'người', width: 600, bars: [{ label: long, value: 5 }, { label: 'Tổ <1>', value: 2 }] });
    const texts = svgTexts(svg);
    expect(texts).not.toContain(long);
    expect(showsWhole(texts, long)).toBe(true);
    expect(texts).toEqual(expect.arrayContaining(['A & B', 'Tổ <1>']));
    expect(svg).toContain('Tổ &lt;1&gt;');
  });

  it('renders an empty ranking without failing', async () => {
    const svg = await unitsBarChartSvg({ title: 'Chưa có người tham gia', unitLabel: 'người', bars: [] });
    expect(svgTexts(svg)).toContain('Chưa có người tham gia');
  });
});

describe('grouped bar chart', () => {
  it('shows each unit once and both series in the legend', async () => {
    const input = sampleFinishedVsRegistered(19);
    const texts = svgTexts(await unitsGroupedBarChartSvg(input));
    for (const label of input.labels) expect(texts.filter((t) => t === label), label).toHaveLength(1);
    expect(texts).toEqual(expect.arrayContaining(['Đã đăng ký', 'Đã hoàn thành']));
  });
});

describe('participation line chart', () => {
  it('shows every day of a week, the title and the series names', async () => {
    const labels = ['03/07', '04/07', '05/07', '06/07', '07/07', '08/07', '09/07'];
    const svg = await participationLineChartSvg({
      title: 'Lượt tham gia theo ngày',
      unitLabel: 'người',
      labels,
      series: [{ name: 'Đăng ký mới', values: [5, 9, 12, 3, 0, 7, 1] }, { name: 'Hoàn thành', values: [4, 6, 10, 3, 0, 5, 1] }],
    });
    const texts = svgTexts(svg);
    expect(texts).toEqual(expect.arrayContaining([...labels, 'Lượt tham gia theo ngày', 'Đăng ký mới', 'Hoàn thành', 'người']));
  });

  it('over four weeks, shows only real days, the first one included', async () => {
    const input = sampleParticipation();
    const days = svgTexts(await participationLineChartSvg(input)).filter((t) => /^\d\d\/\d\d$/u.test(t));
    expect(days[0]).toBe('03/07');
    expect(days.length).toBeGreaterThan(7);
    for (const day of days) expect(input.labels).toContain(day);
  });
});

describe('PNG', () => {
  it('is a PNG of the asked width, keeping the chart proportions', async () => {
    const svg = await unitsBarChartSvg({ title: 'Xã Vạn Thủy', unitLabel: 'người', width: 800, bars: sampleRankedBars(10) });
    const [, svgWidth, svgHeight] = /<svg width="(\d+)" height="(\d+)"/u.exec(svg) ?? [];
    const png = await svgToPng(svg, { width: 1200 });
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const size = pngSize(png);
    expect(size.width).toBe(1200);
    expect(size.height).toBe(Math.round((Number(svgHeight) * 1200) / Number(svgWidth)));
  });

  it('refuses what is not SVG, and the next picture still renders', async () => {
    await expect(svgToPng('not an svg', { width: 100 })).rejects.toThrow();
    const svg = await unitsBarChartSvg({ title: 'Xã Đồng Ý', unitLabel: 'người', bars: [{ label: 'Xã Đồng Ý', value: 1 }] });
    expect(pngSize(await svgToPng(svg, { width: 300 })).width).toBe(300);
  });
});
