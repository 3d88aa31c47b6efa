import { PNG } from 'pngjs';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** The text a reader sees in an ECharts SVG, one entry per <text> element, entities decoded. */
export function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/gu)].map((m) => (m[1] ?? '').replace(/&(?:amp|lt|gt|quot|#39);/gu, (e) => ENTITIES[e] ?? e));
}

/** True when the label appears whole: on one line, or wrapped over consecutive lines. */
export function showsWhole(texts: string[], label: string): boolean {
  const lines = texts.map((t) => t.trim());
  for (let i = 0; i < lines.length; i++) {
    let joined = lines[i] ?? '';
    for (let j = i + 1; joined.length < label.length && j < lines.length; j++) joined += ` ${lines[j]}`;
    if (lines[i] === label || joined === label) return true;
  }
  return false;
}

export function pngSize(png: Buffer): { width: number; height: number } {
  const image = PNG.sync.read(png);
  return { width: image.width, height: image.height };
}

/** Pixels that are not white: the ink a text or a bar leaves on the picture. */
export function inkPixels(png: Buffer): number {
  const { data } = PNG.sync.read(png);
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 200 || (data[i + 1] ?? 255) < 200 || (data[i + 2] ?? 255) < 200) ink++;
  return ink;
}
