import { reminderSettings } from '../core/reminder-slots.ts';
import type { ReminderSettings } from '../core/types.ts';
import { formatDateTime } from '../core/time.ts';
import type { Command } from '../contract/commands.ts';
import type { InboundEvent, OutMessage } from '../contract/messages.ts';
import { viOfficials, viReminders as t, viRounds } from '../messages/vi.ts';
import type { ConfirmOutcome, ReminderOverview, ReminderRefusal, RunSummary, SlotFigures } from '../services/reminders.ts';
import type { PresentationContext } from '../contract/context.ts';

const text = (s: string): OutMessage[] => [{ text: s }];

// Officials' reminder commands. `scope`: a unit official's unit (its figures, its people, its own announcements;
// /guinhacnho is the district's only).

/** `/nhacnho`: the reminder schedule and what was sent (to the unit's people, for a unit official). */
export async function reminderOverview(ctx: PresentationContext, scope?: string): Promise<OutMessage[]> {
  return text(overviewText(ctx, await ctx.services.reminders.overview(scope), scope));
}

/** `/guinhacnho`: asks to confirm sending the current slot's reminder now. */
export async function sendNowRequest(ctx: PresentationContext, event: InboundEvent): Promise<OutMessage[]> {
  const r = await ctx.services.reminders.requestSendNow(requestedBy(event));
  if (r.kind === 'refused') return text(refusalText(r.reason, reminderSettings(ctx.campaign)));
  return [{ text: t.askSend(formatDateTime(r.fireAt, ctx.campaign.timezone), r.audience, t.howToConfirm(r.id, event.capabilities.buttons)), choices: confirmButtons(r.id), listChoices: false }];
}

/** `/thongbao <text>`: asks to confirm an announcement to everyone (or to the unit's people). */
export async function announcementRequest(ctx: PresentationContext, cmd: Command, event: InboundEvent, scope?: string): Promise<OutMessage[]> {
  const r = await ctx.services.reminders.requestAnnouncement(cmd.args, requestedBy(event), scope);
  if (r.kind === 'empty') return text(t.announceUsage);
  if (r.kind === 'too_long') return text(t.announceTooLong(r.max));
  if (r.kind === 'limit') return text(viOfficials.announcementLimit(r.max));
  return [{ text: t.askAnnounce(cmd.args, r.audience, t.howToConfirm(r.id, event.capabilities.buttons)), choices: confirmButtons(r.id), listChoices: false }];
}

/** `/xacnhan [huy] <id>`: confirms (or cancels) a request of /guinhacnho or /thongbao. */
export async function confirmRequest(ctx: PresentationContext, cmd: Command, scope?: string): Promise<OutMessage[]> {
  const words = cmd.args.split(/\s+/u).filter(Boolean);
  const cancel = words[0] === 'huy';
  const id = cancel ? words[1] : words[0];
  return text(id ? outcomeText(await ctx.services.reminders.confirm(id, cancel, scope), ctx) : t.nothingToConfirm);
}

const requestedBy = (event: InboundEvent) => `${event.channel}:${event.userId}`;

function quietText(s: ReminderSettings | undefined): string {
  return s?.quietHours ? `${s.quietHours.from}–${s.quietHours.to}` : '';
}

function refusalText(reason: ReminderRefusal, s: ReminderSettings | undefined): string {
  switch (reason) {
    case 'disabled':
      return t.refusedDisabled;
    case 'closed':
      return t.refusedClosed;
    case 'quiet':
      return t.refusedQuiet(quietText(s));
    case 'no_round':
      return t.refusedNoRound;
  }
}

function outcomeText(o: ConfirmOutcome, ctx: PresentationContext): string {
  switch (o.kind) {
    case 'started':
      return t.confirmed;
    case 'queued_offline':
      return t.confirmedOffline;
    case 'cancelled':
      return t.cancelled;
    case 'nothing':
      return t.nothingToConfirm;
    case 'refused':
      return refusalText(o.reason, reminderSettings(ctx.campaign));
    case 'limit':
      return viOfficials.announcementLimit(o.max);
  }
}

function confirmButtons(id: string): OutMessage['choices'] {
  return [
    { data: `cmd:xacnhan ${id}`, label: t.sendButton, key: '1' },
    { data: `cmd:xacnhan huy ${id}`, label: t.cancelButton, key: '0' },
  ];
}

function runLabel(ctx: PresentationContext, run: RunSummary): string {
  const when = formatDateTime(run.fireAt, ctx.campaign.timezone);
  if (run.kind === 'manual') return t.manualLabel(when);
  if (run.kind === 'announcement') return t.announcementLabel(when, (run.text ?? '').slice(0, 40));
  if (run.kind === 'results') return viRounds.runLabel(when, ctx.campaign.rounds.find((r) => `kq-${r.id}` === run.runId)?.name ?? run.runId);
  return when;
}

const count = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6 });

/** Under the next slot: its part of a spread audience, and each channel whose share it cannot reach in its window. */
function slotNotes(ctx: PresentationContext, next: SlotFigures): string[] {
  const l = ctx.campaign.labels;
  const notes: string[] = [];
  const spread = reminderSettings(ctx.campaign).spread;
  if (next.part && spread) notes.push(t.spreadPart(spread.by === 'parent' ? l.parent : l.commune, next.part.index + 1, next.part.of, next.part.communes, l.commune));
  for (const e of next.reach.filter((r) => !r.fits)) notes.push(t.tooSlow(e.channel, count.format(e.people), count.format(e.perSecond), t.span(e.neededMs), t.span(e.windowMs)));
  return notes;
}

/** The schedule, the next slot and, per past slot or announcement: targeted / sent / failed / skipped. */
function overviewText(ctx: PresentationContext, o: ReminderOverview, scope?: string): string {
  const c = ctx.campaign;
  const s = o.settings;
  const unit = scope ? ctx.units.find((u) => u.code === scope) : undefined;
  const lines = [t.header(unit ? `${unit.name} — ${c.title}` : c.title)];
  if (o.unitAnnouncements) lines.push(viOfficials.announcementsToday(o.unitAnnouncements.today, o.unitAnnouncements.max));
  if (!s.enabled) return [...lines, t.disabled].join('\n');
  const nearEnd = s.nearEnd.map((n) => t.nearEndItem(n.at.join(', '), n.daysBefore.map((k) => `D-${k}`).join(', '))).join('; ');
  lines.push(t.schedule(s.daily.join(', '), nearEnd, s.lastDay.join(', '), quietText(s)), '');
  lines.push(o.next ? t.next(formatDateTime(o.next.fireAt, c.timezone), o.next.audience) : t.noNext);
  if (o.next) lines.push(...slotNotes(ctx, o.next));
  lines.push('');
  const entries = o.past.map((p) => {
    if (p.missed) return t.runNotSent(formatDateTime(p.at, c.timezone), t.reasons.missed!);
    const r = p.run;
    if (r.status === 'skipped' || r.status === 'cancelled') return t.runNotSent(runLabel(ctx, r), t.reasons[r.skipReason ?? r.status] ?? r.skipReason ?? r.status);
    const n = p.counts;
    return t.runRow(runLabel(ctx, r), {
      targeted: r.targeted,
      sent: n.sent ?? 0,
      failed: n.failed ?? 0,
      skipped: n.skipped ?? 0,
      unknown: n.unknown ?? 0,
      pending: (n.queued ?? 0) + (n.retry ?? 0) + (n.sending ?? 0),
    });
  });
  // Keep the message under Telegram's 4,096 characters: the most recent entries matter most.
  lines.push(t.pastHeader, ...(entries.length ? entries.slice(-40) : [t.pastNone]));
  return lines.join('\n');
}
