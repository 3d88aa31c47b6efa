import { openRound } from '../core/campaign.ts';
import { perThousand, rankUnits } from '../core/ranking.ts';
import { localDay } from '../core/time.ts';
import type { Unit } from '../core/types.ts';
import { hasOfficials, type OfficialUnit } from '../services/officials.ts';
import type { PresentationContext } from '../contract/context.ts';
import { vi, viOfficials as t } from '../messages/vi.ts';

/** People listed per /chuathi page: 20 lines stay well under Zalo's 2,000 characters. */
export const NOT_FINISHED_PAGE = 20;

const words = (args: string) => args.split(/\s+/u).filter(Boolean);

/** Every unit — commune, agency or parent — whose code is one of the words of `args` (case-insensitive). */
export function unitsNamed(ctx: PresentationContext, args: string): Unit[] {
  const codes = new Set(words(args).map((w) => w.toLowerCase()));
  return ctx.units.filter((u) => codes.has(u.code.toLowerCase()));
}

/** The commune or agency whose code is one of the words of `args` (case-insensitive). */
export function unitNamed(ctx: PresentationContext, args: string): OfficialUnit | undefined {
  return unitsNamed(ctx, args).find(hasOfficials);
}

/** `/thongke` of one unit: registered, finished, per 1,000 inhabitants where known, today vs yesterday, rank among its peers. */
export async function unitStatsText(ctx: PresentationContext, unit: OfficialUnit): Promise<string> {
  const now = ctx.now();
  const tz = ctx.campaign.timezone;
  const boards = ctx.services.boards;
  const ranked = rankUnits(await boards.units(unit.kind));
  const mine = ranked.find((r) => r.entry.code === unit.code);
  const day = async (offset: number) => {
    const d = await boards.totals(localDay(now, tz, offset), unit.code);
    return vi.statsDay(d.registered, d.attempts);
  };
  const per = mine ? perThousand(mine.entry) : null;
  return t.stats({
    unit: unit.name,
    peersLabel: unit.kind === 'commune' ? ctx.campaign.labels.commune : t.agencies,
    registered: mine?.entry.registered ?? 0,
    participants: mine?.entry.participants ?? 0,
    perThousand: per === null ? null : per.toFixed(1),
    today: await day(0),
    yesterday: await day(-1),
    rank: mine?.rank ?? ranked.length + 1,
    peers: Math.max(ranked.length, 1),
  });
}

/**
 * `/chuathi [page]` (a unit official: their unit; a district official: `/chuathi [unit code] [page]`, the district
 * without a code): registered people who have not finished an attempt of the open round, the people to call on.
 */
export async function notFinishedText(ctx: PresentationContext, args: string, unit: OfficialUnit | undefined): Promise<string> {
  const round = openRound(ctx.campaign, ctx.now());
  if (!round) return t.noOpenRound;
  const page = Number(words(args).find((w) => /^\d{1,4}$/u.test(w) && w.toLowerCase() !== unit?.code.toLowerCase()) ?? 1);
  const r = await ctx.services.boards.notFinished({ round, page, pageSize: NOT_FINISHED_PAGE, ...(unit ? { unitCode: unit.code } : {}) });
  const name = unit?.name ?? t.wholeArea(ctx.campaign.labels.area);
  if (r.total === 0) return t.notFinishedNone(name, round.name);
  const first = (r.page - 1) * NOT_FINISHED_PAGE;
  const lines = [t.notFinishedHeader(name, round.name, r.total, r.page, r.pages), ...r.people.map((p, i) => t.notFinishedRow(first + i + 1, p.name, p.phone, p.channel))];
  if (r.page < r.pages) lines.push('', t.notFinishedMore(r.page + 1));
  return lines.join('\n');
}
