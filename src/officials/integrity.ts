import type { Command } from '../contract/commands.ts';
import type { PresentationContext } from '../contract/context.ts';
import type { InboundEvent, OutMessage } from '../contract/messages.ts';
import type { Evidence } from '../core/integrity.ts';
import { formatDateTime } from '../core/time.ts';
import { viIntegrity as t } from '../messages/vi.ts';
import type { FlaggedPerson, IntegrityReview } from '../services/integrity.ts';
import { DEFAULT_INTEGRITY } from '../config/integrity.ts';

/** Officials' view of the integrity review: the same words in /kiemtra and on the dashboard's review page. */
type Ctx = Pick<PresentationContext, 'campaign' | 'units'>;

/** People listed per /kiemtra reply (each with a few lines: well under Zalo's 2,000 characters per message part). */
const LISTED = 15;

const unitName = (ctx: Ctx, code: string | null) => (code ? (ctx.units.find((u) => u.code === code)?.name ?? code) : '');
const roundName = (ctx: Ctx, id: string) => ctx.campaign.rounds.find((r) => r.id === id)?.name ?? id;

/** One flag's evidence, worded. */
export function evidenceText(ctx: Ctx, e: Evidence): string {
  const s = ctx.campaign.integrity ?? DEFAULT_INTEGRITY;
  switch (e.kind) {
    case 'speed':
      return t.speed(roundName(ctx, e.roundId), e.freshQuestions, e.medianSeconds, e.totalSeconds, s.medianSecondsFloor, s.attemptSecondsPerQuestionFloor);
    case 'twins':
      return t.twins(roundName(ctx, e.roundId), e.otherId, e.via, e.sharedWrong, e.paceDiffSeconds);
    case 'phone':
      return t.phone(e.people, e.otherIds);
    case 'name':
      return t.name(e.people, unitName(ctx, e.unitCode), e.otherIds);
    case 'burst':
      return t.burst(e.via.startsWith('p') ? t.viaPerson(Number(e.via.slice(1))) : t.viaUnit(unitName(ctx, e.via.slice(1))), e.registrations, e.minutes, e.night);
    case 'opened':
      return t.opened(roundName(ctx, e.roundId), e.openedBy);
  }
}

/** A person's header: number, name, units, whether the phone is verified. */
export function personHeader(ctx: Ctx, p: FlaggedPerson): string {
  return t.personHeader(p.participantId, p.name ?? t.deletedName, [unitName(ctx, p.agencyCode), unitName(ctx, p.communeCode)].filter(Boolean).join(', '), p.phoneVerified);
}

export function decisionText(ctx: Ctx, p: FlaggedPerson): string {
  if (!p.decision) return t.open;
  const d = p.decision;
  return t.decided(d.decision === 'excluded' ? t.decisionExcluded : t.decisionValid, d.reason, d.decidedBy, formatDateTime(d.decidedAt, ctx.campaign.timezone));
}

function reviewText(ctx: Ctx, review: IntegrityReview, opts: { all: boolean; unit?: string; district: boolean }): string {
  const open = review.people.filter((p) => !p.decision);
  const at = formatDateTime(review.computedAt, ctx.campaign.timezone);
  const lines = [opts.unit ? t.unitHeader(opts.unit, open.length, review.people.length, at) : t.header(open.length, review.people.length, at)];
  const listed = opts.all || !opts.district ? review.people : open;
  if (listed.length === 0) lines.push(t.none);
  for (const p of listed.slice(0, LISTED)) {
    lines.push('', personHeader(ctx, p), ...p.flags.map((f) => `• ${evidenceText(ctx, f.evidence)}`), decisionText(ctx, p));
  }
  if (listed.length > LISTED) lines.push('', t.more(listed.length - LISTED));
  for (const n of review.padding) lines.push('', t.padding(unitName(ctx, n.unitCode), n.neverAttempted, n.registered));
  if (opts.district && open.length) lines.push('', t.howToDecide);
  return lines.join('\n');
}

const accountOf = (event: InboundEvent) => `${event.channel}:${event.userId}`;

/**
 * `/kiemtra` (district officials): the open flags, `tatca` every flag, `hople|loai <số> <lý do>` a decision. A unit
 * official sees their unit's flags and decisions, read-only.
 */
export async function integrityCommand(ctx: PresentationContext, cmd: Command, event: InboundEvent, unit?: { code: string; name: string }): Promise<OutMessage[]> {
  const [verb = '', id = '', ...rest] = cmd.args.trim().split(/\s+/u);
  const word = verb.toLowerCase();
  if (unit) {
    if (word === 'hople' || word === 'loai') return [{ text: t.unitReadOnly }];
    return [{ text: reviewText(ctx, await ctx.services.integrity.review(unit.code), { all: true, unit: unit.name, district: false }) }];
  }
  if (word === '' || word === 'tatca') return [{ text: reviewText(ctx, await ctx.services.integrity.review(), { all: word === 'tatca', district: true }) }];
  if (word !== 'hople' && word !== 'loai') return [{ text: t.usage }];
  const reason = rest.join(' ').trim();
  if (!reason) return [{ text: t.reasonNeeded }];
  const person = (await ctx.services.integrity.review()).people.find((p) => String(p.participantId) === id.replace(/^#/u, ''));
  if (!person) return [{ text: t.unknownPerson(id.slice(0, 12)) }];
  await ctx.services.integrity.decide(person.participantId, word === 'loai' ? 'excluded' : 'valid', reason.slice(0, 300), accountOf(event));
  return [{ text: t.recorded(person.participantId, person.name ?? t.deletedName, word === 'loai' ? t.decisionExcluded : t.decisionValid) }];
}
