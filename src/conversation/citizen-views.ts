import { contestPhase } from '../core/campaign.ts';
import { personPayload } from '../core/invites.ts';
import { formatClosingDate, formatDate } from '../core/time.ts';
import type { PresentationContext } from '../contract/context.ts';
import type { InboundEvent } from '../contract/messages.ts';
import { vi } from '../messages/vi.ts';
import type { Person } from '../services/participants.ts';
import { attemptDate } from './quiz-views.ts';

/** The citizens' /huongdan: the contest's rules and the commands. */
export function helpText(ctx: PresentationContext): string {
  const c = ctx.campaign;
  const rounds = c.rounds.map((r) => `${r.name} (${formatDate(r.opensAt, c.timezone)}–${formatClosingDate(r.closesAt, c.timezone)})`).join('; ');
  return vi.help(c.labels, c.title, formatClosingDate(c.closesAt, c.timezone), c.questionsPerAttempt, c.attemptMinutes, c.attemptsPerRound, rounds);
}

export async function inviteText(ctx: PresentationContext, p: Person, event: InboundEvent): Promise<string> {
  const invited = await ctx.services.participants.countInvited(p.id);
  return vi.invite(event.inviteLink(personPayload(p.inviteCode)), invited.total, invited.finished);
}

export async function statusText(ctx: PresentationContext, p: Person): Promise<string> {
  const commune = ctx.units.find((u) => u.code === p.communeCode)?.name ?? '';
  const rank = await ctx.services.results.overallRank(p.id);
  const best = rank ? vi.resultsBest(p.overallScore, vi.duration(p.overallDurationMs)) : vi.resultsNone;
  return vi.status(p.fullName ?? '', commune, best);
}

export async function resultsText(ctx: PresentationContext, p: Person): Promise<string> {
  const c = ctx.campaign;
  const attempts = await ctx.services.quiz.finishedAttempts(p.id);
  if (attempts.length === 0) return vi.resultsNone;
  const fresh = (await ctx.services.results.fresh(p.id)) ?? p;
  const roundName = (id: string) => c.rounds.find((r) => r.id === id)?.name ?? id;
  const lines = [vi.resultsHeader(fresh.fullName ?? '')];
  attempts.forEach((a, i) => lines.push(vi.resultsAttempt(i + 1, roundName(a.roundId), a.score ?? 0, a.questionCount, vi.duration(a.durationMs ?? 0), attemptDate(a.finishedAt!, c))));
  lines.push('', vi.resultsBest(fresh.overallScore, vi.duration(fresh.overallDurationMs)));
  const rank = await ctx.services.results.overallRank(p.id);
  if (rank) lines.push(vi.resultsRank(rank, await ctx.services.results.participants()));
  const phase = contestPhase(c, ctx.now());
  if (phase.phase === 'open') {
    const used = attempts.filter((a) => a.roundId === phase.round.id).length;
    lines.push(vi.resultsLeft(phase.round.name, Math.max(0, c.attemptsPerRound - used)));
  }
  if (phase.phase === 'closed') lines.push(vi.refusedClosed(formatClosingDate(phase.closedAt, c.timezone)));
  return lines.join('\n');
}
