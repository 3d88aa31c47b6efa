import { assertChartFontsPresent, CHART_FONT_FAMILY, chartFontFiles } from './font.ts';
import type { PngOptions } from './types.ts';

type ResvgModule = typeof import('@resvg/resvg-js');

let loading: Promise<ResvgModule> | undefined;

/** The native renderer is loaded on the first PNG only. */
function loadResvg(): Promise<ResvgModule> {
  loading ??= import('@resvg/resvg-js').then((mod) => {
    assertChartFontsPresent();
    return mod;
  });
  return loading;
}

/** SVG → PNG with the shipped font only (never the machine's fonts), for chat apps that take photos. */
export async function svgToPng(svg: string, options: PngOptions): Promise<Buffer> {
  const { Resvg } = await loadResvg();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: options.width },
    background: '#ffffff',
    font: {
      fontFiles: [...chartFontFiles],
      loadSystemFonts: false,
      defaultFontFamily: CHART_FONT_FAMILY,
      sansSerifFamily: CHART_FONT_FAMILY,
    },
  });
  return resvg.render().asPng();
}
