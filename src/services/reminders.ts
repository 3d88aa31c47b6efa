import { randomBytes } from 'node:crypto';
import { openRound } from '../core/campaign.ts';
import { communesOfPart, reachEstimates, slotCommunes, slotPart, type ReachEstimate } from '../core/reminder-reach.ts';
import { currentSlot, isQuietTime, listSlots, nextSlot, reminderSettings, type ReminderSettings, type ReminderSlot } from '../core/reminder-slots.ts';
import { formatDateTime, localDayKey } from '../core/time.ts';
import { claimUnitAnnouncement, countUnitAnnouncements } from '../storage/repos/officials.ts';
import { countAudience, countAudienceByChannel, deliveryCounts, getRun, insertRun, listRuns, updateRun, type AudienceSpec, type RunRow } from '../storage/repos/reminders.ts';
import type { ServiceDeps } from './deps.ts';

/** A confirmation button must be tapped within this time. */
const CONFIRM_WITHIN_MS = 15 * 60_000;
export const MAX_ANNOUNCEMENT = 4000;
export const DEFAULT_UNIT_ANNOUNCEMENTS_PER_DAY = 3;

/** A reminder run: a scheduled slot, a manual reminder (/guinhacnho), an announcement (/thongbao) or a round's results. */
export type RunKind = 'slot' | 'manual' | 'announcement' | 'results';
export type RunStatus = 'pending_confirmation' | 'requested' | 'fanning_out' | 'fanned_out' | 'done' | 'skipped' | 'cancelled';
/** One person's message of a run: queued, being sent (claimed), to retry, or settled (sent, failed, skipped, unknown). */
export type DeliveryStatus = 'queued' | 'sending' | 'retry' | 'sent' | 'failed' | 'skipped' | 'unknown';

/** What an official is told about a past run. */
export interface RunSummary {
  runId: string;
  kind: RunKind;
  status: RunStatus;
  fireAt: number;
  /** An announcement's text. */
  text: string | null;
  /** People it was queued for (a unit's view: its own people only). */
  targeted: number;
  /** Why it was not sent (missed, stale, cancelled, limit…), when it was not. */
  skipReason: string | null;
}

const toSummary = (r: RunRow, targeted = r.targeted): RunSummary => ({ runId: r.run_id, kind: r.kind, status: r.status, fireAt: r.fire_at, text: r.text, targeted, skipReason: r.skip_reason });
export type ReminderRefusal = 'disabled' | 'closed' | 'quiet' | 'no_round';

/** What /nhacnho shows: the schedule, the next slot and what happened to each past one. */
export interface ReminderOverview {
  settings: ReminderSettings;
  next?: SlotFigures;
  /** Past runs (oldest first) with their delivery counts; slots that never ran have `missed`. */
  past: ({ at: number; missed: true } | { at: number; missed: false; run: RunSummary; counts: Partial<Record<DeliveryStatus, number>> })[];
  /** A unit's view: its announcements confirmed today and the daily limit. */
  unitAnnouncements?: { today: number; max: number };
}

/** A slot's audience, whether each channel can reach its share within the window, and its part of a spread. */
export interface SlotFigures {
  fireAt: number;
  audience: number;
  reach: ReachEstimate[];
  /** With `reminders.spread`: this slot's part (0-based) of `of`, covering `communes` communes. */
  part?: { index: number; of: number; communes: number };
}

export type SendRequest = { kind: 'refused'; reason: ReminderRefusal } | { kind: 'ask'; id: string; fireAt: number; audience: number };
export type AnnounceRequest = { kind: 'empty' } | { kind: 'too_long'; max: number } | { kind: 'limit'; max: number } | { kind: 'ask'; id: string; audience: number };
export type ConfirmOutcome = { kind: 'started' | 'queued_offline' | 'cancelled' | 'nothing' } | { kind: 'refused'; reason: ReminderRefusal } | { kind: 'limit'; max: number };

/**
 * Officials' control of reminders and announcements: runs are rows first, then a kick to the worker's queue. `scope`
 * is a unit official's unit: figures of its people only, announcements to them only (a few a day), and no other run.
 */
export interface RemindersService {
  overview(scope?: string): Promise<ReminderOverview>;
  /** /guinhacnho: the current slot (or between slots a manual run with the same audience), pending confirmation. */
  requestSendNow(requestedBy: string): Promise<SendRequest>;
  /** /thongbao: the text goes out unchanged to every reachable registered person (of the unit) once confirmed. */
  requestAnnouncement(text: string, requestedBy: string, scope?: string): Promise<AnnounceRequest>;
  /** Starts (or cancels) a run waiting for confirmation. A second tap finds nothing pending. */
  confirm(runId: string, cancel: boolean, scope?: string): Promise<ConfirmOutcome>;
}

export function createRemindersService(deps: ServiceDeps): RemindersService {
  const { db, campaign: c } = deps;
  const channels = () => deps.reminderQueue?.channels ?? deps.chatChannels;
  // A scheduled slot of a spread campaign reaches its part of the units only (as the worker will); `scope`: one unit.
  const spec = (kind: AudienceSpec['kind'], roundId: string | null, slotId?: string, scope: string | null = null): AudienceSpec => ({
    kind,
    roundId,
    attemptsPerRound: c.attemptsPerRound,
    channels: channels(),
    scope,
    communes: slotId ? slotCommunes(c, reminderSettings(c), deps.units, slotId) : null,
  });
  const perDay = c.officials?.announcementsPerDay ?? DEFAULT_UNIT_ANNOUNCEMENTS_PER_DAY;
  const today = () => localDayKey(deps.now(), c.timezone);

  /** Takes the next of the unit's announcements of the day; false once the day's limit is reached. */
  const claimQuota = async (unit: string, runId: string): Promise<boolean> => {
    for (;;) {
      const used = await countUnitAnnouncements(db, unit, today());
      if (used >= perDay) return false;
      if (await claimUnitAnnouncement(db, { unit_code: unit, day: today(), seq: used + 1, run_id: runId, at: deps.now() })) return true;
    }
  };

  const slotFigures = async (slot: ReminderSlot, s: ReminderSettings, scope: string | null): Promise<SlotFigures> => {
    const byChannel = await countAudienceByChannel(db, spec('reminder', slot.roundId, slot.id, scope));
    const part = slotPart(c, s, slot.id);
    return {
      fireAt: slot.fireAt,
      audience: Object.values(byChannel).reduce((a, b) => a + b, 0),
      reach: reachEstimates(byChannel, s, slot.validUntil - slot.fireAt),
      ...(part !== undefined ? { part: { index: part, of: s.spread!.slots, communes: communesOfPart(deps.units, s.spread!, part).length } } : {}),
    };
  };

  const refusal = (s: ReminderSettings, now: number): ReminderRefusal | undefined => {
    if (!s.enabled) return 'disabled';
    if (now >= c.closesAt) return 'closed';
    if (isQuietTime(now, c.timezone, s.quietHours)) return 'quiet';
    if (!openRound(c, now)) return 'no_round';
    return undefined;
  };

  const kick = async (id: string): Promise<ConfirmOutcome> => {
    const started = deps.reminderQueue ? await deps.reminderQueue.kick(c.id, id) : false;
    return { kind: started ? 'started' : 'queued_offline' };
  };

  return {
    async overview(scope) {
      const s = reminderSettings(c);
      const now = deps.now();
      const quota = scope ? { unitAnnouncements: { today: await countUnitAnnouncements(db, scope, today()), max: perDay } } : {};
      if (!s.enabled) return { settings: s, past: [], ...quota };
      const slots = listSlots(c, s);
      const upcoming = nextSlot(slots, now);
      // A unit sees the district's runs and its own announcements, never another unit's.
      const runs = (await listRuns(db, c.id)).filter((r) => r.fire_at <= now && r.status !== 'pending_confirmation' && (!scope || r.scope === null || r.scope === scope));
      const known = new Set(runs.map((r) => r.run_id));
      const counts = await deliveryCounts(db, c.id, scope);
      const sum = (m: Partial<Record<DeliveryStatus, number>>) => Object.values(m).reduce((a, b) => a + (b ?? 0), 0);
      const past: ReminderOverview['past'] = [
        ...slots.filter((x) => x.fireAt <= now && !known.has(x.id)).map((x) => ({ at: x.fireAt, missed: true as const })),
        ...runs.map((run) => {
          const n = counts.get(run.run_id) ?? {};
          return { at: run.fire_at, missed: false as const, run: toSummary(run, scope ? sum(n) : run.targeted), counts: n };
        }),
      ].sort((a, b) => a.at - b.at);
      return {
        settings: s,
        ...(upcoming ? { next: await slotFigures(upcoming, s, scope ?? null) } : {}),
        past,
        ...quota,
      };
    },

    async requestSendNow(requestedBy) {
      const s = reminderSettings(c);
      const now = deps.now();
      const refused = refusal(s, now);
      if (refused) return { kind: 'refused', reason: refused };
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
        await insertRun(db, { campaign_id: c.id, run_id: id, kind: 'manual', status: 'pending_confirmation', fire_at: now, valid_until: validUntil, round_id: round.id, requested_by: requestedBy, created_at: now, updated_at: now });
      }
      return { kind: 'ask', id, fireAt: slot?.fireAt ?? now, audience: await countAudience(db, spec('reminder', round.id, slot?.id)) };
    },

    async requestAnnouncement(text, requestedBy, scope) {
      if (!text.trim()) return { kind: 'empty' };
      if (text.length > MAX_ANNOUNCEMENT) return { kind: 'too_long', max: MAX_ANNOUNCEMENT };
      if (scope && (await countUnitAnnouncements(db, scope, today())) >= perDay) return { kind: 'limit', max: perDay };
      const now = deps.now();
      const id = `tb-${now.toString(36)}${randomBytes(2).toString('hex')}`;
      await insertRun(db, { campaign_id: c.id, run_id: id, kind: 'announcement', status: 'pending_confirmation', fire_at: now, valid_until: null, round_id: null, text, scope: scope ?? null, requested_by: requestedBy, created_at: now, updated_at: now });
      return { kind: 'ask', id, audience: await countAudience(db, spec('announcement', null, undefined, scope ?? null)) };
    },

    async confirm(id, cancel, scope) {
      if (!/^[a-z0-9-]{1,60}$/u.test(id)) return { kind: 'nothing' };
      const now = deps.now();
      // A unit official confirms only their unit's announcements: never a slot, a manual run or another unit's text.
      if (scope && (await getRun(db, c.id, id))?.scope !== scope) return { kind: 'nothing' };
      const slot = listSlots(c).find((x) => x.id === id);
      if (cancel) {
        const done = await updateRun(db, c.id, id, { status: 'cancelled', skip_reason: 'cancelled', updated_at: now }, ['pending_confirmation']);
        return { kind: done || slot ? 'cancelled' : 'nothing' };
      }
      if (slot) {
        // The current slot: its run may already exist (the scheduler fired); starting it again is harmless.
        const refused = refusal(reminderSettings(c), now);
        if (refused) return { kind: 'refused', reason: refused };
        if (!(slot.fireAt <= now && now < slot.validUntil)) return { kind: 'nothing' };
        await insertRun(db, { campaign_id: c.id, run_id: id, kind: 'slot', status: 'requested', fire_at: slot.fireAt, valid_until: slot.validUntil, round_id: slot.roundId, created_at: now, updated_at: now });
        return kick(id);
      }
      const run = await getRun(db, c.id, id);
      if (!run || run.status !== 'pending_confirmation' || now - run.created_at > CONFIRM_WITHIN_MS) return { kind: 'nothing' };
      if (run.kind === 'manual') {
        const refused = refusal(reminderSettings(c), now);
        if (refused) return { kind: 'refused', reason: refused };
      }
      // Announcements are not held back by quiet hours: the official chose to send now.
      const fields = run.kind === 'announcement' ? { fire_at: now } : {};
      if (!(await updateRun(db, c.id, id, { status: 'requested', updated_at: now, ...fields }, ['pending_confirmation']))) return { kind: 'nothing' };
      if (run.scope && !(await claimQuota(run.scope, id))) {
        await updateRun(db, c.id, id, { status: 'cancelled', skip_reason: 'limit', updated_at: now }, ['requested']);
        return { kind: 'limit', max: perDay };
      }
      return kick(id);
    },
  };
}
