import { perThousand, rankMobilisers, rankUnits, type UnitResult } from '../core/ranking.ts';
import { formatDateTime, localDay, localDayKey } from '../core/time.ts';
import type { Unit } from '../core/types.ts';
import { CHAT_CHART_WIDTH, chatChartPng, dailyChartSvg, participantsChartSvg } from '../charts/figures.ts';
import { vi, viOfficials, viProposal } from '../messages/vi.ts';
import { PROPOSAL_FILES, renderProposal } from '../documents/proposal/proposal.ts';
import { buildResultsWorkbook } from '../documents/results-workbook.ts';
import type { PresentationContext } from '../contract/context.ts';
import type { OutMessage } from '../contract/messages.ts';

/** `/huongdan` and `/admin` of a district official: their commands (the campaign may rank a parent level too). */
export const adminHelpText = (ctx: PresentationContext): string => vi.adminHelp(ctx.campaign.labels, hasParents(ctx));

/** `/xuat`: the results workbook (of one unit) as a document (channels without documents send a download link instead). */
export async function exportMessage(ctx: PresentationContext, unit?: Unit): Promise<OutMessage> {
  const now = ctx.now();
  const tz = ctx.campaign.timezone;
  const day = localDayKey(now, tz);
  return {
    text: vi.exportCaption(unit ? `${unit.name} — ${ctx.campaign.title}` : ctx.campaign.title, formatDateTime(now, tz)),
    document: {
      filename: vi.exportFileName(unit ? `${ctx.campaign.id}-${unit.code}` : ctx.campaign.id, day),
      content: await buildResultsWorkbook(ctx.campaign, await ctx.services.exports.results(unit?.code)),
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
  };
}

/** `/khenthuong`: the reward proposal as the .docx to sign and the same tables as an .xlsx (Zalo: download links). */
export async function proposalMessages(ctx: PresentationContext): Promise<OutMessage[]> {
  const files = await renderProposal(await ctx.services.awards.proposal());
  return [
    { text: files.summary, document: { filename: PROPOSAL_FILES.docx, content: files.docx, mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } },
    { text: viProposal.xlsxCaption, document: { filename: PROPOSAL_FILES.xlsx, content: files.xlsx, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } },
  ];
}

/** "/bxh", "/bxh 20", "/bxh tuan-2", "/bxh 20 tuan-2": top N overall or of one round; of one unit's people when given. */
export async function individualsBoard(ctx: PresentationContext, args: string, unit?: Unit): Promise<string> {
  const words = args.split(/\s+/u).filter(Boolean);
  const n = Math.min(Math.max(Number(words.find((w) => /^\d+$/u.test(w)) ?? 10), 1), 500);
  const roundId = words.find((w) => !/^\d+$/u.test(w));
  const round = roundId ? ctx.campaign.rounds.find((r) => r.id === roundId) : undefined;
  if (roundId && !round) return vi.unknownRound(ctx.campaign.rounds.map((r) => r.id).join(', '));
  const rows = await ctx.services.boards.individuals({ ...(round ? { round } : {}), limit: n, ...(unit ? { unitCode: unit.code } : {}) });
  if (rows.length === 0) return unit ? viOfficials.boardEmpty(unit.name) : vi.boardEmpty;
  const scope = round ? round.name : vi.boardOverall;
  const lines = [vi.boardIndividuals(unit ? viOfficials.boardTitle(unit.name, scope) : scope, rows.length)];
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

/**
 * The chart goes with the text as a photo: Telegram sends the text as its caption when it fits (else the text, then
 * the photo); Zalo gets a download link, the local chat the file's name.
 */
function withChart(text: string, name: string, png: Buffer): OutMessage {
  return { text, photo: { filename: `${name}.png`, content: png, mime: 'image/png' } };
}

/** `/bxhxa [parent]`: the board as text, and the same communes as a bar chart of participants. */
export async function communesBoardWithChart(ctx: PresentationContext, args: string): Promise<OutMessage> {
  const board = await communesBoard(ctx, args);
  const code = args.split(/\s+/u)[0];
  const parent = code ? ctx.units.find((u) => u.kind === 'parent' && u.code.toLowerCase() === code.toLowerCase()) : undefined;
  if (code && !parent) return { text: board }; // what was wrong with the code
  const results = await ctx.services.boards.units('commune', parent ? { parent: parent.code } : undefined);
  const svg = await participantsChartSvg(rankUnits(results).map((r) => r.entry), ctx.campaign.labels, 'commune', CHAT_CHART_WIDTH);
  return withChart(board, 'bxhxa', await chatChartPng(svg));
}

/** `/thongke`: the figures as text, and participation per day as a line chart. */
export async function statsWithChart(ctx: PresentationContext): Promise<OutMessage> {
  const [stats, days] = await Promise.all([statsText(ctx), ctx.services.public.perDay()]);
  const svg = await dailyChartSvg(days, ctx.campaign.timezone, CHAT_CHART_WIDTH);
  return withChart(stats, 'thongke', await chatChartPng(svg));
}

export async function mobilisersBoard(ctx: PresentationContext): Promise<string> {
  const ranked = rankMobilisers(await ctx.services.boards.mobilisers(50));
  if (ranked.length === 0) return vi.boardNoMobilisers;
  return [vi.boardMobilisers, ...ranked.map(({ rank, entry: m }) => vi.boardMobiliserRow(rank, m.name, m.communeName, m.invitedFinished, m.invitedTotal))].join('\n');
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

/** "/bxh 06340 20" from the unit's own official: the code is the scope already, not a count. */
export function withoutUnit(args: string, code: string): string {
  return args
    .split(/\s+/u)
    .filter((w) => w.toLowerCase() !== code.toLowerCase())
    .join(' ');
}
