import { z } from 'zod';
import { viOperator } from '../messages/operator.ts';
import { SEND_RATES } from '../channels/registry.ts';
import { DEFAULT_REMINDER_SETTINGS, isQuietTime, minutesOf, withSendRates, type ChannelRate, type ReminderSettings } from '../core/reminder-slots.ts';

/** A campaign's reminder settings when its file has no `reminders:` block: each channel at its own send rate. */
export const CAMPAIGN_REMINDER_DEFAULTS: ReminderSettings = withSendRates(DEFAULT_REMINDER_SETTINGS, SEND_RATES);

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/u;
const time = z.string().regex(TIME, viOperator.campaign.time);
const times = z.array(time);

const channelRate = z
  .object({
    per_second: z.number().positive().max(10_000),
    burst: z.number().int().min(1).max(1000).default(1),
    per_chat_ms: z.number().int().min(0).max(60_000).default(1000),
    max_attempts: z.number().int().min(1).max(20).default(5),
    backoff_ms: z.number().int().min(10).max(600_000).default(2000),
    timeout_ms: z.number().int().min(100).max(120_000).default(15_000),
  })
  .strict();

/** The optional `reminders:` block of a campaign file; every field has the default the contest rules call for. */
export const remindersSchema = z
  .object({
    enabled: z.boolean().default(true),
    daily: times.default(DEFAULT_REMINDER_SETTINGS.daily),
    near_end: z
      .array(z.object({ days_before: z.array(z.number().int().min(1).max(365)).min(1), at: times.min(1) }).strict())
      .default(DEFAULT_REMINDER_SETTINGS.nearEnd.map((n) => ({ days_before: n.daysBefore, at: n.at }))),
    last_day: times.default(DEFAULT_REMINDER_SETTINGS.lastDay),
    quiet_hours: z
      .object({ from: time, to: time })
      .strict()
      .nullable()
      .default(DEFAULT_REMINDER_SETTINGS.quietHours),
    valid_for_minutes: z.number().int().min(1).max(24 * 60).default(DEFAULT_REMINDER_SETTINGS.validForMinutes),
    channels: z.record(z.string().regex(/^[a-z0-9-]+$/u), channelRate).default({}),
    // A province-sized audience: each slot reaches one part of the units, every `slots` consecutive slots all of them.
    spread: z.object({ by: z.enum(['parent', 'commune']), slots: z.number().int().min(2).max(24) }).strict().optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const quiet = r.quiet_hours;
    if (!quiet || !TIME.test(quiet.from) || !TIME.test(quiet.to)) return;
    const check = (t: string, path: (string | number)[]) => {
      // A time of day inside quiet hours would never fire: say so instead of silently dropping it.
      if (TIME.test(t) && isQuietTime(minutesOf(t) * 60_000, 'UTC', quiet)) ctx.addIssue({ code: 'custom', message: viOperator.campaign.inQuietHours(t, quiet.from, quiet.to), path });
    };
    r.daily.forEach((t, i) => check(t, ['daily', i]));
    r.last_day.forEach((t, i) => check(t, ['last_day', i]));
    r.near_end.forEach((n, i) => n.at.forEach((t, j) => check(t, ['near_end', i, 'at', j])));
  });

type RemindersYaml = z.output<typeof remindersSchema>;

function toRate(c: z.output<typeof channelRate>): ChannelRate {
  return { perSecond: c.per_second, burst: c.burst, perChatMs: c.per_chat_ms, maxAttempts: c.max_attempts, backoffMs: c.backoff_ms, timeoutMs: c.timeout_ms };
}

/** YAML shape → core settings; channels not named keep their own send rates (each channel module's `sendRate`). */
export function toReminderSettings(r: RemindersYaml | undefined): ReminderSettings {
  if (!r) return CAMPAIGN_REMINDER_DEFAULTS;
  const channels: Record<string, ChannelRate> = { ...CAMPAIGN_REMINDER_DEFAULTS.channels };
  for (const [name, c] of Object.entries(r.channels)) channels[name] = toRate(c);
  return {
    enabled: r.enabled,
    daily: r.daily,
    nearEnd: r.near_end.map((n) => ({ daysBefore: n.days_before, at: n.at })),
    lastDay: r.last_day,
    quietHours: r.quiet_hours,
    validForMinutes: r.valid_for_minutes,
    channels,
    ...(r.spread ? { spread: r.spread } : {}),
  };
}
