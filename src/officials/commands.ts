import { perThousand, rankMobilisers, rankUnits, type UnitResult } from '../core/ranking.ts';
import { formatDateTime, localDayKey, localDayStart } from '../core/time.ts';
import { vi } from '../messages/vi.ts';
import type { Command } from '../contract/commands.ts';
import type { PresentationContext } from '../contract/context.ts';
import { unitLinks } from './links.ts';
import { handleReminderCommand } from './reminders.ts';
import type { InboundEvent, OutMessage } from '../contract/messages.ts';

const text = (t: string): OutMessage[] => [{ text: t }];

/** Officials' commands. Leaderboards are text; callers split long text to the channel's limit. */
export async function handleAdminCommand(ctx: PresentationContext, cmd: Command, event: InboundEvent): Promise<OutMessage[]> {
  switch (cmd.name) {
    case 'bxh':
      return text(await individualsBoard(ctx, cmd.args));
    case 'bxhxa':
      return text(await communesBoard(ctx, cmd.args));
    case 'bxhhuyen':
      return text(await parentsBoard(ctx));
    case 'bxhdv':
      return text(await unitsBoard(ctx, 'agency'));
    case 'bxhvd':
      return text(await mobilisersBoard(ctx));
    case 'thongke':
      return text(await statsText(ctx));
    case 'xuat':
      return [await exportMessage(ctx)];
    case 'link':
      return unitLinks(ctx, cmd.args, event);
    case 'nhacnho':
    case 'guinhacnho':
    case 'thongbao':
    case 'xacnhan':
      return handleReminderCommand(ctx, cmd, event);
    default:
      return text(vi.adminHelp(ctx.campaign.labels, hasParents(ctx)));
  }
}

/** `/xuat`: the results workbook as a document (channels without documents send a download link instead). */
export async function exportMessage(ctx: PresentationContext): Promise<OutMessage> {
  const now = ctx.now();
  const tz = ctx.campaign.timezone;
  const day = localDayKey(now, tz);
  return {
    text: vi.exportCaption(ctx.campaign.title, formatDateTime(now, tz)),
    document: {
      filename: vi.exportFileName(ctx.campaign.id, day),
      content: await ctx.services.exports.resultsWorkbook(),
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
  };
}

/** "/bxh", "/bxh 20", "/bxh tuan-2", "/bxh 20 tuan-2": top N overall or of one round. */
export async function individualsBoard(ctx: PresentationContext, args: string): Promise<string> {
  const words = args.split(/\s+/u).filter(Boolean);
  const n = Math.min(Math.max(Number(words.find((w) => /^\d+$/u.test(w)) ?? 10), 1), 500);
  const roundId = words.find((w) => !/^\d+$/u.test(w));
  const round = roundId ? ctx.campaign.rounds.find((r) => r.id === roundId) : undefined;
  if (roundId && !round) return vi.unknownRound(ctx.campaign.rounds.map((r) => r.id).join(', '));
  const rows = await ctx.services.boards.individuals({ ...(round ? { round } : {}), limit: n });
  if (rows.length === 0) return vi.boardEmpty;
  const lines = [vi.boardIndividuals(round ? round.name : vi.boardOverall, rows.length)];
  rows.forEach((r, i) => lines.push(vi.boardIndividualRow(i + 1, r.name, r.communeName ?? '', r.score, vi.duration(r.durationMs))));
  return lines.join('\n');
}

const hasParents = (ctx: PresentationContext) => ctx.units.some((u) => u.kind === 'parent');

/** A ranked board under its title: participants, attempts, per mille of the population, average best score. */
function boardText(title: string, results: UnitResult[]): string {
  const lines = [title];
  for (const { rank, entry: u } of rankUnits(results)) {
    const per = perThousand(u);
    lines.push(vi.boardUnitRow(rank, u.name, u.participants, u.attempts, per === null ? null : per.toFixed(1), u.averageBestScore.toFixed(1)));
  }
  return lines.join('\n');
}

export async function unitsBoard(ctx: PresentationContext, kind: 'commune' | 'agency'): Promise<string> {
  return boardText(vi.boardUnits(ctx.campaign.labels, kind), await ctx.services.boards.units(kind));
}

/** "/bxhxa": every commune; "/bxhxa <parent code>": the communes of one parent unit (campaigns with a parent level). */
export async function communesBoard(ctx: PresentationContext, args: string): Promise<string> {
  const code = args.split(/\s+/u)[0];
  if (!code) return unitsBoard(ctx, 'commune');
  const l = ctx.campaign.labels;
  const parents = ctx.units.filter((u) => u.kind === 'parent');
  if (parents.length === 0) return vi.noParents(l);
  const parent = parents.find((u) => u.code.toLowerCase() === code.toLowerCase());
  if (!parent) return vi.unknownParent(l, code, parents.map((u) => u.code).join(', '));
  return boardText(vi.boardUnits(l, 'commune', parent.name), await ctx.services.boards.units('commune', { parent: parent.code }));
}

/** "/bxhhuyen": the parent level, each unit the sum of its communes. */
export async function parentsBoard(ctx: PresentationContext): Promise<string> {
  if (!hasParents(ctx)) return vi.noParents(ctx.campaign.labels);
  return boardText(vi.boardParents(ctx.campaign.labels), await ctx.services.boards.parents());
}

export async function mobilisersBoard(ctx: PresentationContext): Promise<string> {
  const ranked = rankMobilisers(await ctx.services.boards.mobilisers(50));
  if (ranked.length === 0) return vi.boardNoMobilisers;
  return [vi.boardMobilisers, ...ranked.map(({ rank, entry: m }) => vi.boardMobiliserRow(rank, m.name, m.communeName, m.invitedFinished, m.invitedTotal))].join('\n');
}

/** The local calendar day `offset` days from the one containing `now`. */
function localDay(now: number, timeZone: string, offset: number): { since: number; until: number } {
  const since = localDayStart(now, timeZone) + offset * 86_400_000;
  return { since, until: since + 86_400_000 };
}

export async function statsText(ctx: PresentationContext): Promise<string> {
  const now = ctx.now();
  const tz = ctx.campaign.timezone;
  const all = await ctx.services.boards.totals();
  const today = await ctx.services.boards.totals(localDay(now, tz, 0));
  const yesterday = await ctx.services.boards.totals(localDay(now, tz, -1));
  return vi.stats({
    title: ctx.campaign.title,
    registered: all.registered,
    participated: all.participated,
    attempts: all.attempts,
    perfect: all.perfect,
    today: vi.statsDay(today.registered, today.attempts),
    yesterday: vi.statsDay(yesterday.registered, yesterday.attempts),
    channels: all.byChannel.map((c) => `${c.channel} ${c.registered} đăng ký/${c.participated} dự thi`).join('; ') || '—',
  });
}
