import { contestPhase } from '../core/campaign.ts';
import { personPayload } from '../core/invites.ts';
import { formatClosingDate, formatDate } from '../core/time.ts';
import { ADMIN_COMMANDS, type Command } from '../contract/commands.ts';
import type { PresentationContext } from '../contract/context.ts';
import type { InboundEvent, OutMessage } from '../contract/messages.ts';
import { vi, viOfficials } from '../messages/vi.ts';
import { handleAdminCommand } from '../officials/commands.ts';
import { codeUseNotices, redeemCode } from '../officials/grants.ts';
import { handleUnitCommand } from '../officials/unit-commands.ts';
import type { Person } from '../services/participants.ts';
import { say, type Feature, type PersonTurn } from './feature.ts';
import { askCommuneChange, askDeletion } from './profile.ts';
import { startReply } from './quiz.ts';
import { attemptDate } from './quiz-views.ts';

const isOfficialCommand = (name: string) => (ADMIN_COMMANDS as readonly string[]).includes(name);

/**
 * Officials' commands from an official: answered before anything else (officials need not register). District
 * officials come from the configuration (event.isAdmin); a unit official's role is looked up on every command, so a
 * revocation takes effect at once. /nhanquyen is anyone's: it is how a unit official gets the role.
 */
export const officials: Feature = {
  name: 'officials',
  async handle({ ctx, event, command }) {
    if (!command) return undefined;
    if (command.name === 'nhanquyen') return { messages: await redeemCode(ctx, command, event) };
    if (!isOfficialCommand(command.name) && command.name !== 'huongdan') return undefined;
    const messages = event.isAdmin ? await districtOfficial(ctx, command, event) : await unitOfficial(ctx, command, event);
    return messages && { messages };
  },
};

async function districtOfficial(ctx: PresentationContext, command: Command, event: InboundEvent): Promise<OutMessage[]> {
  const notices = await codeUseNotices(ctx, event);
  if (command.name === 'huongdan') return [...notices, { text: vi.adminHelp(ctx.campaign.labels, ctx.units.some((u) => u.kind === 'parent')) }, { text: helpText(ctx) }];
  return [...notices, ...(await handleAdminCommand(ctx, command, event))];
}

async function unitOfficial(ctx: PresentationContext, command: Command, event: InboundEvent): Promise<OutMessage[] | undefined> {
  const role = await ctx.services.officials.roleOf(event.channel, event.userId);
  if (!role) return undefined;
  if (command.name === 'huongdan') return [{ text: viOfficials.unitHelp(role.unit.name) }, { text: helpText(ctx) }];
  return handleUnitCommand(ctx, command, event, role);
}

/** The citizens' commands of a registered person. Anyone else asking for an official command gets the help. */
export const citizenCommands: Feature = {
  name: 'citizen commands',
  async handle(turn) {
    const t = turn as PersonTurn;
    const { ctx, person, command } = t;
    if (!command) return undefined;
    if (isOfficialCommand(command.name)) return say(helpText(ctx));
    // A new command ends a pending confirmation or prediction.
    if (person.step.kind !== 'ready') await ctx.services.participants.setStep(person.id, { kind: 'ready' });
    switch (command.name) {
      case 'start':
        return say(await statusText(ctx, person));
      case 'thi':
        return startReply(t, await ctx.services.quiz.startOrResume(person.id));
      case 'ketqua':
        return say(await resultsText(ctx, person));
      case 'moi':
        return say(await inviteText(ctx, person, t.event));
      case 'doixa':
        return askCommuneChange(t);
      case 'tatnhacnho':
        await ctx.services.participants.setReminders(person.id, false);
        return say(vi.remindersOff);
      case 'batnhacnho':
        await ctx.services.participants.setReminders(person.id, true);
        return say(vi.remindersOn);
      case 'xoadulieu':
        return askDeletion(t);
      default:
        return say(helpText(ctx));
    }
  },
};

export function helpText(ctx: PresentationContext): string {
  const c = ctx.campaign;
  const rounds = c.rounds.map((r) => `${r.name} (${formatDate(r.opensAt, c.timezone)}–${formatClosingDate(r.closesAt, c.timezone)})`).join('; ');
  return vi.help(c.labels, c.title, formatClosingDate(c.closesAt, c.timezone), c.questionsPerAttempt, c.attemptMinutes, c.attemptsPerRound, rounds);
}

async function inviteText(ctx: PresentationContext, p: Person, event: InboundEvent): Promise<string> {
  const invited = await ctx.services.participants.countInvited(p.id);
  return vi.invite(event.inviteLink(personPayload(p.inviteCode)), invited.total, invited.finished);
}

async function statusText(ctx: PresentationContext, p: Person): Promise<string> {
  const commune = ctx.units.find((u) => u.code === p.communeCode)?.name ?? '';
  const rank = await ctx.services.results.overallRank(p.id);
  const best = rank ? vi.resultsBest(p.overallScore, vi.duration(p.overallDurationMs)) : vi.resultsNone;
  return vi.status(p.fullName ?? '', commune, best);
}

async function resultsText(ctx: PresentationContext, p: Person): Promise<string> {
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
