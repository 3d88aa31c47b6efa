import { participationLineChartSvg, unitsBarChartSvg } from '../charts/index.ts';
import { formatDate } from '../core/time.ts';
import { viWeb } from '../messages/vi.ts';
import type { PublicFigures, PublicUnit } from '../services/public.ts';
import type { WebContext } from './context.ts';

/** The public figures with their charts drawn: what the pages render from. */
export interface PageData {
  figures: PublicFigures;
  charts: { communes: string; communesPerThousand: string; agencies: string; daily: string };
}

/**
 * Charts are drawn this wide and scale with the page (SVG viewBox): about 0.8× on a 360 px phone, and the stylesheet
 * caps them at 1.35× on a PC, so labels stay legible on both.
 */
const CHART_WIDTH = 420;

function participantsChart(units: PublicUnit[], kind: 'commune' | 'agency'): Promise<string> {
  return unitsBarChartSvg({
    title: viWeb.chartParticipants(kind),
    unitLabel: viWeb.chartPeople,
    width: CHART_WIDTH,
    bars: units.map((u) => ({ label: u.name, value: u.participants })),
  });
}

function perThousandChart(units: PublicUnit[]): Promise<string> {
  const known = units.filter((u) => u.perThousand !== null).sort((a, b) => b.perThousand! - a.perThousand!);
  return unitsBarChartSvg({
    title: viWeb.chartPerThousand,
    unitLabel: viWeb.chartPerThousandUnit,
    width: CHART_WIDTH,
    decimals: 1,
    bars: known.map((u) => ({ label: u.name, value: u.perThousand! })),
  });
}

function dailyChart(figures: PublicFigures, timeZone: string): Promise<string> {
  return participationLineChartSvg({
    title: viWeb.chartDaily,
    unitLabel: viWeb.chartCount,
    width: CHART_WIDTH,
    height: 320,
    labels: figures.perDay.map((d) => formatDate(d.dayStart, timeZone).slice(0, 5)),
    series: [
      { name: viWeb.seriesRegistered, values: figures.perDay.map((d) => d.registered) },
      { name: viWeb.seriesAttempts, values: figures.perDay.map((d) => d.finishedAttempts) },
    ],
  });
}

async function loadPageData(ctx: WebContext): Promise<PageData> {
  const figures = await ctx.services.public.figures({ winnersPerRound: ctx.winnersPerRound ?? 3 });
  const [communes, communesPerThousand, agencies, daily] = await Promise.all([
    participantsChart(figures.communes, 'commune'),
    perThousandChart(figures.communes),
    participantsChart(figures.agencies, 'agency'),
    dailyChart(figures, ctx.campaign.timezone),
  ]);
  return { figures, charts: { communes, communesPerThousand, agencies, daily } };
}

/**
 * Public figures kept in this process's memory for `ttlMs` (a cache, not state: a restart only recomputes them).
 * Once older, they are still served for up to another `ttlMs` while one refresh runs in the background, so a
 * visitor rarely waits for the queries; older than that (or the first time), the request waits for fresh figures.
 */
export function pageDataCache(ctx: WebContext, clock: () => number = Date.now): () => Promise<PageData> {
  const ttlMs = ctx.cacheTtlMs ?? 15_000;
  let entry: { data: PageData; at: number } | undefined;
  let refreshing: Promise<PageData> | undefined;
  const refresh = () => {
    refreshing ??= loadPageData(ctx)
      .then((data) => ((entry = { data, at: clock() }), data))
      .finally(() => (refreshing = undefined));
    return refreshing;
  };
  return async () => {
    const age = entry ? clock() - entry.at : Infinity;
    if (entry && age <= ttlMs) return entry.data;
    if (entry && age <= 2 * ttlMs) {
      refresh().catch(() => undefined); // the next request tries again
      return entry.data;
    }
    return refresh();
  };
}
