import type { PublicFigures, RoundWinners } from '../services/public.ts';
import type { PublishedResultsFile } from '../services/results-files.ts';
import { dailyChartSvg, participantsChartSvg, perThousandChartSvg } from '../charts/figures.ts';
import type { WebContext } from './context.ts';

/** The public figures with their charts drawn: what the pages render from. */
export interface PageData {
  figures: PublicFigures;
  winners: RoundWinners[];
  /** The final rounds' results files with their SHA-256. */
  resultsFiles: PublishedResultsFile[];
  charts: { communes: string; communesPerThousand: string; agencies: string; daily: string };
}

/**
 * Charts are drawn this wide and scale with the page (SVG viewBox): about 0.8× on a 360 px phone, and the stylesheet
 * caps them at 1.35× on a PC, so labels stay legible on both.
 */
const CHART_WIDTH = 420;

async function loadPageData(ctx: WebContext): Promise<Omit<PageData, 'winners' | 'resultsFiles'>> {
  const figures = await ctx.services.public.figures();
  const [communes, communesPerThousand, agencies, daily] = await Promise.all([
    participantsChartSvg(figures.communes, ctx.campaign.labels, 'commune', CHART_WIDTH),
    perThousandChartSvg(figures.communes, CHART_WIDTH),
    participantsChartSvg(figures.agencies, ctx.campaign.labels, 'agency', CHART_WIDTH),
    dailyChartSvg(figures.perDay, ctx.campaign.timezone, CHART_WIDTH),
  ]);
  return { figures, charts: { communes, communesPerThousand, agencies, daily } };
}

/**
 * A value kept in this process's memory for `ttlMs` (a cache, not state: a restart only recomputes it). Once older,
 * it is still served for up to another `ttlMs` while one refresh runs, so a visitor rarely waits for the queries;
 * older than that (or the first time), the request waits for the fresh value.
 */
export function staleWhileRevalidate<T>(load: () => Promise<T>, ttlMs: number, clock: () => number): () => Promise<T> {
  let entry: { value: T; at: number } | undefined;
  let refreshing: Promise<T> | undefined;
  const refresh = () => {
    refreshing ??= load()
      .then((value) => ((entry = { value, at: clock() }), value))
      .finally(() => (refreshing = undefined));
    return refreshing;
  };
  return async () => {
    const age = entry ? clock() - entry.at : Infinity;
    if (entry && age <= ttlMs) return entry.value;
    if (entry && age <= 2 * ttlMs) {
      refresh().catch(() => undefined); // the next request tries again
      return entry.value;
    }
    return refresh();
  };
}

/**
 * Live figures at most 15 + 15 s old (cacheTtlMs). The winners of rounds whose results are final do not change, and
 * their query is the dearest (the prediction tie-break counts perfect scores over a whole round), so they are kept for
 * 5 minutes: a winner who deletes their data shows as "(đã xóa dữ liệu)" within that time.
 */
export function pageDataCache(ctx: WebContext, clock: () => number = Date.now): () => Promise<PageData> {
  const ttlMs = ctx.cacheTtlMs ?? 15_000;
  const live = staleWhileRevalidate(() => loadPageData(ctx), ttlMs, clock);
  const winners = staleWhileRevalidate(() => ctx.services.public.winners(ctx.winnersPerRound ?? 3), ttlMs === 0 ? 0 : WINNERS_TTL_MS, clock);
  const files = staleWhileRevalidate(() => ctx.services.resultsFiles.published(), ttlMs === 0 ? 0 : WINNERS_TTL_MS, clock);
  return async () => ({ ...(await live()), winners: await winners(), resultsFiles: await files() });
}

const WINNERS_TTL_MS = 5 * 60_000;
