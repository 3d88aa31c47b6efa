import { randomBytes } from 'node:crypto';
import { openRound } from '../core/campaign.ts';
import { currentSlot, isQuietTime, listSlots, nextSlot, reminderSettings, type ReminderSettings } from '../core/reminder-slots.ts';
import { formatDateTime, localDayKey } from '../core/time.ts';
import { viReminders as t } from '../messages/vi.ts';
import { countAudience, deliveryCounts, getRun, insertRun, listRuns, updateRun, type AudienceSpec, type RunRow } from '../storage/repos/reminders.ts';
import type { Command } from '../contract/commands.ts';
import type { ConversationDeps } from '../conversation/deps.ts';
import type { InboundEvent, OutMessage } from '../contract/messages.ts';

const text = (s: string): OutMessage[] => [{ text: s }];
/** A confirmation button must be tapped within this time. */
const CONFIRM_WITHIN_MS = 15 * 60_000;
const MAX_ANNOUNCEMENT = 4000;

/** Officials' reminder commands: /nhacnho, /guinhacnho, /thongbao <text>, /xacnhan [huy] <id>. */
export async function handleReminderCommand(deps: ConversationDeps, cmd: Command, event: InboundEvent): Promise<OutMessage[]> {
  switch (cmd.name) {
    case 'nhacnho':
      return text(await reminderStatus(deps));
    case 'guinhacnho':
      return askSendNow(deps, event);
    case 'thongbao':
      return askAnnounce(deps, cmd.args, event);
    case 'xacnhan':
      return confirm(deps, cmd.args);
    default:
      return [];
  }
}

function channelsOf(deps: ConversationDeps): readonly string[] {
  return deps.reminders?.channels ?? ['telegram', 'zalo'];
}

function reminderSpec(deps: ConversationDeps, roundId: string | null): AudienceSpec {
  return { kind: 'reminder', roundId, attemptsPerRound: deps.campaign.attemptsPerRound, channels: channelsOf(deps), scope: null };
}

function quietText(s: ReminderSettings): string {
  return s.quietHours ? `${s.quietHours.from}–${s.quietHours.to}` : '';
}

function runLabel(deps: ConversationDeps, run: Pick<RunRow, 'kind' | 'fire_at' | 'text'>): string {
  const when = formatDateTime(run.fire_at, deps.campaign.timezone);
  if (run.kind === 'manual') return t.manualLabel(when);
  if (run.kind === 'announcement') return t.announcementLabel(when, (run.text ?? '').slice(0, 40));
  return when;
}

/** The schedule, the next slot and, per past slot or announcement: targeted / sent / failed / skipped. */
export async function reminderStatus(deps: ConversationDeps): Promise<string> {
  const c = deps.campaign;
  const s = reminderSettings(c);
  const now = deps.now();
  const lines = [t.header(c.title)];
  if (!s.enabled) return [...lines, t.disabled].join('\n');
  const nearEnd = s.nearEnd.map((n) => t.nearEndItem(n.at.join(', '), n.daysBefore.map((k) => `D-${k}`).join(', '))).join('; ');
  lines.push(t.schedule(s.daily.join(', '), nearEnd, s.lastDay.join(', '), quietText(s)), '');
  const slots = listSlots(c, s);
  const next = nextSlot(slots, now);
  lines.push(next ? t.next(formatDateTime(next.fireAt, c.timezone), await countAudience(deps.db, reminderSpec(deps, next.roundId))) : t.noNext, '');
  const runs = (await listRuns(deps.db, c.id)).filter((r) => r.fire_at <= now && r.status !== 'pending_confirmation');
  const known = new Set(runs.map((r) => r.run_id));
  const missed = slots.filter((x) => x.fireAt <= now && !known.has(x.id));
  const entries: { at: number; line: string }[] = missed.map((x) => ({ at: x.fireAt, line: t.runNotSent(formatDateTime(x.fireAt, c.timezone), t.reasons.missed!) }));
  const counts = await deliveryCounts(deps.db, c.id);
  for (const r of runs) {
    if (r.status === 'skipped' || r.status === 'cancelled') {
      entries.push({ at: r.fire_at, line: t.runNotSent(runLabel(deps, r), t.reasons[r.skip_reason ?? r.status] ?? r.skip_reason ?? r.status) });
      continue;
    }
    const n = counts.get(r.run_id) ?? {};
    entries.push({
      at: r.fire_at,
      line: t.runRow(runLabel(deps, r), {
        targeted: r.targeted,
        sent: n.sent ?? 0,
        failed: n.failed ?? 0,
        skipped: n.skipped ?? 0,
        unknown: n.unknown ?? 0,
        pending: (n.queued ?? 0) + (n.retry ?? 0) + (n.sending ?? 0),
      }),
    });
  }
  entries.sort((a, b) => a.at - b.at);
  // Keep the message under Telegram's 4,096 characters: the most recent entries matter most.
  lines.push(t.pastHeader, ...(entries.length ? entries.slice(-40).map((e) => e.line) : [t.pastNone]));
  return lines.join('\n');
}

function confirmButtons(id: string): OutMessage['choices'] {
  return [
    { data: `cmd:xacnhan ${id}`, label: t.sendButton, key: '1' },
    { data: `cmd:xacnhan huy ${id}`, label: t.cancelButton, key: '0' },
  ];
}

/** Why a reminder cannot go out now, as the text shown to the official. */
function refusal(deps: ConversationDeps, s: ReminderSettings, now: number): string | undefined {
  if (!s.enabled) return t.refusedDisabled;
  if (now >= deps.campaign.closesAt) return t.refusedClosed;
  if (isQuietTime(now, deps.campaign.timezone, s.quietHours)) return t.refusedQuiet(quietText(s));
  if (!openRound(deps.campaign, now)) return t.refusedNoRound;
  return undefined;
}

/** /guinhacnho: the current slot (or, between slots, a manual one with the same audience), after a confirmation. */
async function askSendNow(deps: ConversationDeps, event: InboundEvent): Promise<OutMessage[]> {
  const c = deps.campaign;
  const s = reminderSettings(c);
  const now = deps.now();
  const refused = refusal(deps, s, now);
  if (refused) return text(refused);
  const round = openRound(c, now)!;
  const slot = currentSlot(listSlots(c, s), now);
  let id: string;
  if (slot) {
    id = slot.id;
  } else {
    const hhmm = formatDateTime(now, c.timezone).slice(0, 5).replace(':', '');
    id = `m-${localDayKey(now, c.timezone)}-${hhmm}`;
    const later = listSlots(c, s).find((x) => x.fireAt > now);
    const validUntil = Math.min(now + s.validForMinutes * 60_000, round.closesAt, c.closesAt, later?.fireAt ?? Infinity);
    await insertRun(deps.db, { campaign_id: c.id, run_id: id, kind: 'manual', status: 'pending_confirmation', fire_at: now, valid_until: validUntil, round_id: round.id, requested_by: `${event.channel}:${event.userId}`, created_at: now, updated_at: now });
  }
  const audience = await countAudience(deps.db, reminderSpec(deps, round.id));
  return [{ text: t.askSend(formatDateTime(slot?.fireAt ?? now, c.timezone), audience, id), choices: confirmButtons(id), listChoices: false }];
}

/** /thongbao <text>: stored pending; the text goes out unchanged to every reachable registered person once confirmed. */
async function askAnnounce(deps: ConversationDeps, body: string, event: InboundEvent): Promise<OutMessage[]> {
  if (!body.trim()) return text(t.announceUsage);
  if (body.length > MAX_ANNOUNCEMENT) return text(t.announceTooLong(MAX_ANNOUNCEMENT));
  const now = deps.now();
  const id = `tb-${now.toString(36)}${randomBytes(2).toString('hex')}`;
  await insertRun(deps.db, { campaign_id: deps.campaign.id, run_id: id, kind: 'announcement', status: 'pending_confirmation', fire_at: now, valid_until: null, round_id: null, text: body, requested_by: `${event.channel}:${event.userId}`, created_at: now, updated_at: now });
  const spec: AudienceSpec = { kind: 'announcement', roundId: null, attemptsPerRound: deps.campaign.attemptsPerRound, channels: channelsOf(deps), scope: null };
  return [{ text: t.askAnnounce(body, await countAudience(deps.db, spec), id), choices: confirmButtons(id), listChoices: false }];
}

/** /xacnhan <id> starts the run; /xacnhan huy <id> cancels it. A second tap finds nothing pending. */
async function confirm(deps: ConversationDeps, args: string): Promise<OutMessage[]> {
  const words = args.split(/\s+/u).filter(Boolean);
  const cancel = words[0] === 'huy';
  const id = cancel ? words[1] : words[0];
  if (!id || !/^[a-z0-9-]{1,60}$/u.test(id)) return text(t.nothingToConfirm);
  const c = deps.campaign;
  const now = deps.now();
  const slot = listSlots(c).find((x) => x.id === id);
  if (cancel) {
    const done = await updateRun(deps.db, c.id, id, { status: 'cancelled', skip_reason: 'cancelled', updated_at: now }, ['pending_confirmation']);
    return text(done || slot ? t.cancelled : t.nothingToConfirm);
  }
  if (slot) {
    // The current slot: its run may already exist (the scheduler fired); starting it again is harmless.
    const refused = refusal(deps, reminderSettings(c), now);
    if (refused) return text(refused);
    if (!(slot.fireAt <= now && now < slot.validUntil)) return text(t.nothingToConfirm);
    await insertRun(deps.db, { campaign_id: c.id, run_id: id, kind: 'slot', status: 'requested', fire_at: slot.fireAt, valid_until: slot.validUntil, round_id: slot.roundId, created_at: now, updated_at: now });
  } else {
    const run = await getRun(deps.db, c.id, id);
    if (!run || run.status !== 'pending_confirmation' || now - run.created_at > CONFIRM_WITHIN_MS) return text(t.nothingToConfirm);
    if (run.kind === 'manual') {
      const refused = refusal(deps, reminderSettings(c), now);
      if (refused) return text(refused);
    }
    // Announcements are not held back by quiet hours: the official chose to send now.
    const fields = run.kind === 'announcement' ? { fire_at: now } : {};
    if (!(await updateRun(deps.db, c.id, id, { status: 'requested', updated_at: now, ...fields }, ['pending_confirmation']))) return text(t.nothingToConfirm);
  }
  if (!deps.reminders) return text(t.confirmedOffline);
  return text((await deps.reminders.kick(c.id, id)) ? t.confirmed : t.confirmedOffline);
}
