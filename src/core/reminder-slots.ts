/**
 * The reminder schedule as pure functions of the campaign and an instant: which slots exist, when each fires, how long
 * it stays worth sending. No clock, no I/O — a test walks a whole campaign by calling these with chosen instants.
 */
import { contestPhase } from './campaign.ts';
import { daysLeft, localDayKey, localMinute, minutesOf, zonedInstant } from './time.ts';
import type { Campaign, ChannelRate, LocalTime, ReminderSettings } from './types.ts';

export type { ChannelRate, LocalTime, ReminderSettings } from './types.ts';
export { localMinute, minutesOf, zonedInstant } from './time.ts';

export const DEFAULT_CHANNEL_RATE: ChannelRate = { perSecond: 10, burst: 1, perChatMs: 1000, maxAttempts: 5, backoffMs: 2000, timeoutMs: 15_000 };

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  enabled: true,
  daily: ['08:00'],
  nearEnd: [{ daysBefore: [7, 3, 1], at: ['19:00'] }],
  lastDay: ['08:00', '19:00'],
  quietHours: { from: '21:00', to: '07:00' },
  validForMinutes: 120,
  // No channel named: each sends at DEFAULT_CHANNEL_RATE until its own rate is given (withSendRates).
  channels: {},
};

/**
 * `settings` with each channel's own default send rate (the channel registry's, passed in as data) wherever the
 * settings name none for it.
 */
export function withSendRates(settings: ReminderSettings, sendRates: Readonly<Record<string, ChannelRate>>): ReminderSettings {
  return { ...settings, channels: { ...sendRates, ...settings.channels } };
}

export function reminderSettings(campaign: Campaign): ReminderSettings {
  return campaign.reminders ?? DEFAULT_REMINDER_SETTINGS;
}

export function channelRate(settings: ReminderSettings, channel: string): ChannelRate {
  return settings.channels[channel] ?? DEFAULT_CHANNEL_RATE;
}

export interface ReminderSlot {
  /** Stable id "2023-07-24-1900": local date and time (BullMQ job ids may not contain ':'). */
  id: string;
  fireAt: number;
  /** Exclusive end of the window in which the slot may still be sent. */
  validUntil: number;
  roundId: string;
  /** Local days left before the last day at fire time (0 on the last day). */
  daysLeft: number;
}



/** True inside quiet hours, when nothing scheduled may be sent. */
export function isQuietTime(ms: number, timeZone: string, quiet: ReminderSettings['quietHours']): boolean {
  if (!quiet) return false;
  const m = localMinute(ms, timeZone);
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  return from <= to ? m >= from && m < to : m >= from || m < to;
}

function addDays(dayKey: string, n: number): string {
  const [y, m, d] = dayKey.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + n)).toISOString().slice(0, 10);
}

/** The first instant at or after `ms` where quiet hours begin. */
function nextQuietStart(ms: number, timeZone: string, quiet: NonNullable<ReminderSettings['quietHours']>): number {
  const day = localDayKey(ms, timeZone);
  const today = zonedInstant(day, quiet.from, timeZone);
  return today > ms ? today : zonedInstant(addDays(day, 1), quiet.from, timeZone);
}

/** Every distinct local time of day at which some slot may fire: one job scheduler each. */
export function slotTimesOfDay(settings: ReminderSettings): LocalTime[] {
  const all = [...settings.daily, ...settings.nearEnd.flatMap((n) => n.at), ...settings.lastDay];
  return [...new Set(all)].sort((a, b) => minutesOf(a) - minutesOf(b));
}

/**
 * All reminder slots of a campaign, in time order: the configured times of each local day, outside quiet hours,
 * while a round is open and before closing. A slot's window ends at the first of: its validity, quiet hours, the
 * next slot, the round's closing, the contest's closing.
 */
export function listSlots(campaign: Campaign, settings: ReminderSettings = reminderSettings(campaign)): ReminderSlot[] {
  const key = memo.get(campaign);
  if (key?.settings === settings) return key.slots;
  const slots = computeSlots(campaign, settings);
  memo.set(campaign, { settings, slots });
  return slots;
}

// Campaign and settings objects never change once loaded: a sweep every few minutes need not recompute.
const memo = new WeakMap<Campaign, { settings: ReminderSettings; slots: ReminderSlot[] }>();

function computeSlots(campaign: Campaign, settings: ReminderSettings): ReminderSlot[] {
  if (!settings.enabled) return [];
  const tz = campaign.timezone;
  const lastKey = localDayKey(campaign.closesAt - 1, tz);
  const raw: Omit<ReminderSlot, 'validUntil'>[] = [];
  for (let day = localDayKey(campaign.opensAt, tz), guard = 0; day <= lastKey && guard < 3660; day = addDays(day, 1), guard++) {
    const left = daysLeft(zonedInstant(day, '12:00', tz), campaign.closesAt, tz);
    const times = new Set(settings.daily);
    for (const n of settings.nearEnd) if (n.daysBefore.includes(left)) n.at.forEach((t) => times.add(t));
    if (day === lastKey) settings.lastDay.forEach((t) => times.add(t));
    for (const time of [...times].sort((a, b) => minutesOf(a) - minutesOf(b))) {
      const fireAt = zonedInstant(day, time, tz);
      if (fireAt < campaign.opensAt || fireAt >= campaign.closesAt || isQuietTime(fireAt, tz, settings.quietHours)) continue;
      const phase = contestPhase(campaign, fireAt);
      if (phase.phase !== 'open') continue;
      raw.push({ id: `${day}-${time.replace(':', '')}`, fireAt, roundId: phase.round.id, daysLeft: left });
    }
  }
  return raw.map((s, i) => {
    const round = campaign.rounds.find((r) => r.id === s.roundId)!;
    const ends = [s.fireAt + settings.validForMinutes * 60_000, round.closesAt, campaign.closesAt];
    if (settings.quietHours) ends.push(nextQuietStart(s.fireAt, tz, settings.quietHours));
    const next = raw[i + 1];
    if (next) ends.push(next.fireAt);
    return { ...s, validUntil: Math.min(...ends) };
  });
}

/** The slot whose window contains `now`, if any. */
export function currentSlot(slots: readonly ReminderSlot[], now: number): ReminderSlot | undefined {
  return slots.find((s) => s.fireAt <= now && now < s.validUntil);
}

/** The first slot that fires after `now`. */
export function nextSlot(slots: readonly ReminderSlot[], now: number): ReminderSlot | undefined {
  return slots.find((s) => s.fireAt > now);
}

/** Why a scheduled reminder may not go out at `now`, or null when it may. Officials' announcements skip this check. */
export function holdReason(
  campaign: Campaign,
  settings: ReminderSettings,
  window: { validUntil: number },
  now: number,
): 'closed' | 'quiet' | 'stale' | null {
  if (now >= campaign.closesAt) return 'closed';
  if (now >= window.validUntil) return 'stale';
  if (isQuietTime(now, campaign.timezone, settings.quietHours)) return 'quiet';
  return null;
}
