import { Worker } from 'node:worker_threads';
import { assertChartFontsPresent, CHART_FONT_FAMILY, chartFontFiles } from './font.ts';
import type { PngOptions } from './types.ts';

const workerUrl = new URL('./png-worker.mjs', import.meta.url);

function resvgOptions(width: number) {
  return {
    fitTo: { mode: 'width', value: width },
    background: '#ffffff',
    // The shipped font only, never the machine's fonts.
    font: { fontFiles: [...chartFontFiles], loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY },
  };
}

function renderInWorker(svg: string, width: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl, { workerData: { svg, options: resvgOptions(width) } });
    worker.once('message', (png: Uint8Array) => resolve(Buffer.from(png.buffer, png.byteOffset, png.byteLength)));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`PNG worker exited with code ${code} before answering`)));
  });
}

// One PNG at a time: each render holds a full pixel buffer (about 12 MB for a 40-unit chart 1200 px wide).
let queue: Promise<unknown> = Promise.resolve();

/**
 * SVG → PNG with resvg and the shipped font, for chat apps that take photos. Runs in a worker thread that exits
 * after each picture: the bot's event loop is not blocked, and resvg's native memory is returned.
 */
export function svgToPng(svg: string, options: PngOptions): Promise<Buffer> {
  assertChartFontsPresent();
  const next = queue.then(() => renderInWorker(svg, options.width));
  queue = next.catch(() => undefined);
  return next;
}
