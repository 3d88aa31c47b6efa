import { participationLineChartSvg, svgToPng, unitsBarChartSvg } from './index.ts';
import { formatDate } from '../core/time.ts';
import type { LevelLabels } from '../core/types.ts';
import { viWeb } from '../messages/vi.ts';
import type { DayFigures } from '../services/public.ts';

/** The campaign's charts as SVG, drawn from public figures: embedded in the pages and sent as PNG in chat. */

export function participantsChartSvg(
  units: readonly { name: string; participants: number }[],
  labels: LevelLabels,
  kind: 'commune' | 'agency',
  width: number,
): Promise<string> {
  return unitsBarChartSvg({ title: viWeb.chartParticipants(labels, kind), unitLabel: viWeb.chartPeople, width, bars: units.map((u) => ({ label: u.name, value: u.participants })) });
}

export function perThousandChartSvg(units: readonly { name: string; perThousand: number | null }[], width: number): Promise<string> {
  const known = units.filter((u) => u.perThousand !== null).sort((a, b) => b.perThousand! - a.perThousand!);
  return unitsBarChartSvg({
    title: viWeb.chartPerThousand,
    unitLabel: viWeb.chartPerThousandUnit,
    width,
    decimals: 1,
    bars: known.map((u) => ({ label: u.name, value: u.perThousand! })),
  });
}

export function dailyChartSvg(perDay: readonly DayFigures[], timeZone: string, width: number): Promise<string> {
  return participationLineChartSvg({
    title: viWeb.chartDaily,
    unitLabel: viWeb.chartCount,
    width,
    height: Math.round(width * 0.75),
    labels: perDay.map((d) => formatDate(d.dayStart, timeZone).slice(0, 5)),
    series: [
      { name: viWeb.seriesRegistered, values: perDay.map((d) => d.registered) },
      { name: viWeb.seriesAttempts, values: perDay.map((d) => d.finishedAttempts) },
    ],
  });
}

/** Charts for chat are drawn at 600 px and rasterised at twice that, sharp on a phone screen. */
export const CHAT_CHART_WIDTH = 600;

export function chatChartPng(svg: string): Promise<Buffer> {
  return svgToPng(svg, { width: CHAT_CHART_WIDTH * 2 });
}
