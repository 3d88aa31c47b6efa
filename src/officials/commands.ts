import { isRoundClosed } from '../core/campaign.ts';
import { perThousand, rankMobilisers, rankUnits } from '../core/ranking.ts';
import { formatDateTime, localDayKey, localDayStart } from '../core/time.ts';
import { buildResultsWorkbook } from '../services/exports.ts';
import { unitLinks } from './links.ts';
import { vi } from '../messages/vi.ts';
import { closeExpiredAttempts } from '../services/quiz.ts';
import { handleReminderCommand } from './reminders.ts';
import { countPerfect, mobiliserResults, topIndividuals, totals, unitResults } from '../storage/repos/leaderboards.ts';
import type { Command } from '../contract/commands.ts';
import type { ConversationDeps } from '../conversation/deps.ts';
import type { InboundEvent, OutMessage } from '../contract/messages.ts';

const text = (t: string): OutMessage[] => [{ text: t }];

/** Officials' commands. Leaderboards are text; callers split long text to the channel's limit. */
export async function handleAdminCommand(deps: ConversationDeps, cmd: Command, event: InboundEvent): Promise<OutMessage[]> {
  // Abandoned attempts whose time ran out count before any figure is shown.
  await closeExpiredAttempts(deps);
  switch (cmd.name) {
    case 'bxh':
      return text(await individualsBoard(deps, cmd.args));
    case 'bxhxa':
      return text(await unitsBoard(deps, 'commune'));
    case 'bxhdv':
      return text(await unitsBoard(deps, 'agency'));
    case 'bxhvd':
      return text(await mobilisersBoard(deps));
    case 'thongke':
      return text(await statsText(deps));
    case 'xuat':
      return [await exportMessage(deps)];
    case 'link':
      return unitLinks(deps, cmd.args, event);
    case 'nhacnho':
    case 'guinhacnho':
    case 'thongbao':
    case 'xacnhan':
      return handleReminderCommand(deps, cmd, event);
    default:
      return text(vi.adminHelp);
  }
}

/** `/xuat`: the results workbook as a document (channels without documents send a download link instead). */
export async function exportMessage(deps: ConversationDeps): Promise<OutMessage> {
  const now = deps.now();
  const tz = deps.campaign.timezone;
  const day = localDayKey(now, tz);
  return {
    text: vi.exportCaption(deps.campaign.title, formatDateTime(now, tz)),
    document: {
      filename: vi.exportFileName(deps.campaign.id, day),
      content: await buildResultsWorkbook(deps),
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
  };
}

/** "/bxh", "/bxh 20", "/bxh tuan-2", "/bxh 20 tuan-2": top N overall or of one round. */
export async function individualsBoard(deps: ConversationDeps, args: string): Promise<string> {
  const words = args.split(/\s+/u).filter(Boolean);
  const n = Math.min(Math.max(Number(words.find((w) => /^\d+$/u.test(w)) ?? 10), 1), 500);
  const roundId = words.find((w) => !/^\d+$/u.test(w));
  const round = roundId ? deps.campaign.rounds.find((r) => r.id === roundId) : undefined;
  if (roundId && !round) return vi.unknownRound(deps.campaign.rounds.map((r) => r.id).join(', '));
  const actualPerfect = round && isRoundClosed(round, deps.now()) ? await countPerfect(deps.db, round.id) : undefined;
  const rows = await topIndividuals(deps.db, { ...(round ? { roundId: round.id } : {}), limit: n, ...(actualPerfect !== undefined ? { actualPerfect } : {}) });
  if (rows.length === 0) return vi.boardEmpty;
  const lines = [vi.boardIndividuals(round ? round.name : vi.boardOverall, rows.length)];
  rows.forEach((r, i) => lines.push(vi.boardIndividualRow(i + 1, r.name, r.communeName ?? '', r.score, vi.duration(r.durationMs))));
  return lines.join('\n');
}

export async function unitsBoard(deps: ConversationDeps, kind: 'commune' | 'agency'): Promise<string> {
  const ranked = rankUnits(await unitResults(deps.db, kind));
  const lines = [vi.boardUnits(kind)];
  for (const { rank, entry: u } of ranked) {
    const per = perThousand(u);
    lines.push(vi.boardUnitRow(rank, u.name, u.participants, u.attempts, per === null ? null : per.toFixed(1), u.averageBestScore.toFixed(1)));
  }
  return lines.join('\n');
}

export async function mobilisersBoard(deps: ConversationDeps): Promise<string> {
  const ranked = rankMobilisers(await mobiliserResults(deps.db, 50));
  if (ranked.length === 0) return vi.boardNoMobilisers;
  return [vi.boardMobilisers, ...ranked.map(({ rank, entry: m }) => vi.boardMobiliserRow(rank, m.name, m.communeName, m.invitedFinished, m.invitedTotal))].join('\n');
}

/** The local calendar day `offset` days from the one containing `now`. */
function localDay(now: number, timeZone: string, offset: number): { since: number; until: number } {
  const since = localDayStart(now, timeZone) + offset * 86_400_000;
  return { since, until: since + 86_400_000 };
}

export async function statsText(deps: ConversationDeps): Promise<string> {
  const now = deps.now();
  const tz = deps.campaign.timezone;
  const all = await totals(deps.db);
  const today = await totals(deps.db, localDay(now, tz, 0));
  const yesterday = await totals(deps.db, localDay(now, tz, -1));
  return vi.stats({
    title: deps.campaign.title,
    registered: all.registered,
    participated: all.participated,
    attempts: all.attempts,
    perfect: all.perfect,
    today: vi.statsDay(today.registered, today.attempts),
    yesterday: vi.statsDay(yesterday.registered, yesterday.attempts),
    channels: all.byChannel.map((c) => `${c.channel} ${c.registered} đăng ký/${c.participated} dự thi`).join('; ') || '—',
  });
}
