/** The chart module: SVG for web pages (ECharts, server-side), PNG for chat (resvg), one font for both. */
export { unitsBarChartSvg, unitsGroupedBarChartSvg } from './bar.ts';
export { participationLineChartSvg } from './line.ts';
export { renderSvgToPng, svgToPng, type PngFonts } from './png.ts';
export { CHART_FONT_FAMILY, chartFontFiles } from './font.ts';
export type * from './types.ts';
