import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The charts' font, Be Vietnam Pro (SIL OFL 1.1), shipped as TTF by the npm package
 * @expo-google-fonts/be-vietnam-pro — resvg reads TTF/OTF only, and system fonts are never assumed.
 */
export const CHART_FONT_FAMILY = 'Be Vietnam Pro';

/** The family as written in the SVG: browsers without the font fall back to a sans-serif one. */
export const CHART_FONT_STACK = `'${CHART_FONT_FAMILY}', Arial, sans-serif`;

const packageDir = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/be-vietnam-pro/package.json'));

/** Regular for labels, bold for titles. */
export const chartFontFiles: readonly string[] = [
  join(packageDir, '400Regular', 'BeVietnamPro_400Regular.ttf'),
  join(packageDir, '700Bold', 'BeVietnamPro_700Bold.ttf'),
];

export function assertChartFontsPresent(): void {
  const missing = chartFontFiles.filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`Chart font files missing (run npm ci): ${missing.join(', ')}`);
}
