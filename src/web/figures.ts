import type { PublicFigures } from '../services/public.ts';
import { dailyChartSvg, participantsChartSvg, perThousandChartSvg } from './charts.ts';
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

async function loadPageData(ctx: WebContext): Promise<PageData> {
  const figures = await ctx.services.public.figures({ winnersPerRound: ctx.winnersPerRound ?? 3 });
  const [communes, communesPerThousand, agencies, daily] = await Promise.all([
    participantsChartSvg(figures.communes, 'commune', CHART_WIDTH),
    perThousandChartSvg(figures.communes, CHART_WIDTH),
    participantsChartSvg(figures.agencies, 'agency', CHART_WIDTH),
    dailyChartSvg(figures.perDay, ctx.campaign.timezone, CHART_WIDTH),
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
