import type { EChartsOption } from 'echarts';
import { CHART_FONT_STACK } from './font.ts';

type ECharts = typeof import('echarts');

let loading: Promise<ECharts> | undefined;

/**
 * ECharts is loaded on the first chart, not at start: an idle bot does not pay for it. The prebuilt minified
 * bundle costs about 13 MB of RSS and 0.1 s; the same charts from the ~400 modules of `echarts/core` cost 40–75 MB.
 */
function loadECharts(): Promise<ECharts> {
  loading ??= import('echarts/dist/echarts.esm.min.mjs');
  return loading;
}

export interface ChartSize {
  width: number;
  height: number;
}

/** Renders one option to a standalone SVG string with ECharts' server-side SVG renderer. */
export async function renderOptionToSvg(option: EChartsOption, size: ChartSize): Promise<string> {
  const echarts = await loadECharts();
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * Width of a label as ECharts lays it out. Without a canvas it estimates (every non-ASCII letter one em), which
 * overestimates Vietnamese: labels may get more room than needed, never less.
 */
export async function estimatedTextWidth(text: string, fontSize: number): Promise<number> {
  const echarts = await loadECharts();
  return echarts.format.getTextRect(text, `${fontSize}px ${CHART_FONT_STACK}`).width;
}

/** What every chart shares: the font, a white background, no animation or hover styles (a still picture). */
export function baseOption(title: string): EChartsOption {
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CHART_FONT_STACK },
    title: { text: title, left: 'center', top: 12, textStyle: { fontFamily: CHART_FONT_STACK, fontSize: 18 } },
  };
}

/** Axis labels and names are kept this far inside the picture (ECharts 6 shrinks the plot to fit them). */
export const OUTER_BOUNDS = { left: 12, right: 12, top: 0, bottom: 8 };

/** Numbers as a Vietnamese reader writes them: 1.234 and 12,5. */
export function formatNumber(value: number, decimals = 0): string {
  return new Intl.NumberFormat('vi-VN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}
