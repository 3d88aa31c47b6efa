import { Worker } from 'node:worker_threads';
import { assertChartFontsPresent, CHART_FONT_FAMILY, chartFontFiles } from './font.ts';
import type { PngOptions } from './types.ts';

const workerUrl = new URL('./png-worker.mjs', import.meta.url);

/** The fonts a picture may use: these files only, never the machine's; `family` is the default for every generic one. */
export interface PngFonts {
  files: readonly string[];
  family: string;
}

function resvgOptions(width: number, fonts: PngFonts) {
  return {
    fitTo: { mode: 'width', value: width },
    background: '#ffffff',
    font: { fontFiles: [...fonts.files], loadSystemFonts: false, defaultFontFamily: fonts.family, sansSerifFamily: fonts.family, serifFamily: fonts.family },
  };
}

function renderInWorker(svg: string, width: number, fonts: PngFonts): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl, { workerData: { svg, options: resvgOptions(width, fonts) } });
    worker.once('message', (png: Uint8Array) => resolve(Buffer.from(png.buffer, png.byteOffset, png.byteLength)));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`PNG worker exited with code ${code} before answering`)));
  });
}

// One PNG at a time, charts and certificates alike: each render holds a full pixel buffer (about 12 MB for a 40-unit
// chart 1200 px wide, 7 MB for a certificate 1600 px wide).
let queue: Promise<unknown> = Promise.resolve();

/**
 * SVG → PNG with resvg and the given font files. Runs in a worker thread that exits after each picture: the bot's
 * event loop is not blocked, and resvg's native memory is returned.
 */
export function renderSvgToPng(svg: string, width: number, fonts: PngFonts): Promise<Buffer> {
  const next = queue.then(() => renderInWorker(svg, width, fonts));
  queue = next.catch(() => undefined);
  return next;
}

/** A chart's SVG → PNG with the shipped chart font, for chat apps that take photos. */
export function svgToPng(svg: string, options: PngOptions): Promise<Buffer> {
  assertChartFontsPresent();
  return renderSvgToPng(svg, options.width, { files: chartFontFiles, family: CHART_FONT_FAMILY });
}
