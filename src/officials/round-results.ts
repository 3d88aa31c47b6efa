import type { Command } from '../contract/commands.ts';
import type { PresentationContext } from '../contract/context.ts';
import type { OutMessage } from '../contract/messages.ts';
import { formatClosingDate, formatDate, formatDateTime } from '../core/time.ts';
import { vi, viRounds as t } from '../messages/vi.ts';
import type { RoundResults, RoundStatus } from '../services/rounds.ts';

const text = (s: string): OutMessage[] => [{ text: s }];

/**
 * `/ketquavong [số vòng]`: the round's winners with their prizes, and whether the results are final. The same for
 * district and unit officials: winners' names and units are published anyway, and no phone is shown.
 */
export async function roundResultsCommand(ctx: PresentationContext, cmd: Command): Promise<OutMessage[]> {
  const arg = cmd.args.trim().split(/\s+/u)[0] ?? '';
  const rounds = ctx.campaign.rounds;
  if (!arg) return text(listText(ctx, await ctx.services.rounds.statuses()));
  const byNumber = /^\d{1,3}$/u.test(arg) ? rounds[Number(arg) - 1] : undefined;
  const round = byNumber ?? rounds.find((r) => r.id === arg.toLowerCase());
  if (!round) return text(t.badArgument(arg.slice(0, 20), rounds.length));
  return text(resultsText(ctx, (await ctx.services.rounds.results(round.id))!));
}

function stateOf(ctx: PresentationContext, s: Pick<RoundStatus, 'round' | 'closed' | 'final' | 'reviewing' | 'openFlags' | 'reviewUntil'> & { pending?: boolean }): string {
  if (s.final) return t.stateFinal;
  if (s.reviewing) return t.stateReviewing(s.openFlags, formatDate(s.reviewUntil - 1, ctx.campaign.timezone));
  if (ctx.now() < s.round.opensAt) return t.stateNotOpen;
  return s.closed ? t.statePending : t.stateOpen;
}

function listText(ctx: PresentationContext, statuses: RoundStatus[]): string {
  const tz = ctx.campaign.timezone;
  const rows = statuses.map((s) => t.listRow(s.number, s.round.name, `${formatDate(s.round.opensAt, tz)}–${formatClosingDate(s.round.closesAt, tz)}`, stateOf(ctx, s)));
  return [t.listHeader, ...rows].join('\n');
}

function resultsText(ctx: PresentationContext, r: RoundResults): string {
  const tz = ctx.campaign.timezone;
  const lines = [t.header(r.round.name, r.number, stateOf(ctx, r))];
  if (!r.final) lines.push(t.notFinalNote);
  lines.push(t.figures(r.participants, r.actualPerfect));
  if (r.winners.length === 0) return [...lines, t.noWinners].join('\n');
  lines.push('', t.winnersHeader);
  for (const w of r.winners) {
    lines.push(t.winnerRow(w.prize, w.rank, w.name ?? t.deleted, w.unit, w.score, w.questionCount, vi.duration(w.durationMs), formatDateTime(w.finishedAt, tz)));
  }
  const slots = r.prizes.reduce((n, p) => n + p.count, 0);
  if (r.winners.length < slots) lines.push(t.unfilled(slots - r.winners.length));
  lines.push('', r.ineligible ? t.ineligible(r.ineligible) : t.noneIneligible);
  if (r.corrections.length) {
    lines.push('', t.correctionsHeader);
    for (const k of r.corrections) lines.push(t.correctionRow(k.name ?? t.deleted, k.unit, k.score, formatDate(k.decidedAt, tz), k.reason));
  }
  return lines.join('\n');
}
