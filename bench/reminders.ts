/**
 * Reminders fan-out benchmark: 20,000 recipients through the real worker (BullMQ on Redis, SQLite claims) to a fake
 * channel that enforces the raised limit (1,000/s overall, 1/s per chat) and counts violations.
 * Standalone: `npx tsx bench/reminders.ts`; bench/run.ts calls benchReminders().
 */
import { DEFAULT_CHANNEL_RATE, DEFAULT_REMINDER_SETTINGS } from '../src/core/reminder-slots.ts';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Telegram } from 'telegraf';
import { createTelegramApi } from '../src/channels/telegram/api.ts';
import { createTelegramChannel } from '../src/channels/telegram/channel.ts';
import { startReminders } from '../src/reminders/runtime.ts';
import { countByChat, countViolations, FakeChannel } from '../tests/support/reminders/fake-channel.ts';
import { addPeople, at, cleanupPrefix, Clock, statuses, testApp, testPrefix, tmpDir, waitFor } from '../tests/support/reminders/harness.ts';

export interface RemindersBenchResult {
  recipients: number;
  limitPerSecond: number;
  achievedPerSecond: number;
  ratio: number;
  violations: number;
  duplicates: number;
  peakRssMb: number;
  seconds: number;
  /** 72,000 people at Telegram's default 25/s. */
  districtMinutesAt25: number;
}

export async function benchReminders(opts: { recipients?: number; limit?: number; burst?: number; concurrency?: number; configured?: number } = {}): Promise<RemindersBenchResult> {
  const recipients = opts.recipients ?? 20_000;
  const limit = opts.limit ?? 1000;
  const tmp = tmpDir();
  const clock = new Clock(at('2030-07-10T08:00:30'));
  const app = await testApp(tmp.dir, clock);
  await addPeople(app, recipients);
  const channel = new FakeChannel({ perSecond: limit, perChatMs: 1000 });
  const prefix = testPrefix();
  // burst/limit ms windows: 10 jobs per 10 ms at 1,000/s (measured best with zero violations). BullMQ's limiter counts job starts; the fake counts sends.
  const settings = { ...DEFAULT_REMINDER_SETTINGS, channels: { telegram: { ...DEFAULT_CHANNEL_RATE, perSecond: opts.configured ?? limit, burst: opts.burst ?? 10 } } };
  const rem = startReminders(app, [channel], { role: 'worker', prefix, now: clock.now, schedulers: false, autoSweep: false, concurrency: opts.concurrency ?? 64, settings });
  try {
    await rem.ready();
    await rem.sweep();
    // Poll the fake, not the database: a GROUP BY over 20,000 rows every 25 ms would steal the worker's CPU.
    await waitFor('all delivered', () => channel.sent.length >= recipients, 10 * 60_000);
    await waitFor('all recorded', async () => (await statuses(app, '2030-07-10-0800')).sent === recipients, 60_000);
    const times = channel.sent.map((s) => s.at);
    const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
    const achieved = recipients / seconds;
    const duplicates = [...countByChat(channel.sent).values()].reduce((n, k) => n + k - 1, 0);
    return {
      recipients,
      limitPerSecond: limit,
      achievedPerSecond: Math.round(achieved),
      ratio: Number((achieved / limit).toFixed(3)),
      violations: channel.violations + countViolations(channel.sent, limit, 1000),
      duplicates,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      seconds: Number(seconds.toFixed(1)),
      districtMinutesAt25: Math.round(72_000 / 25 / 60),
    };
  } finally {
    await rem.close();
    await cleanupPrefix(prefix);
    await app.close();
    tmp.cleanup();
  }
}

interface ChildStats {
  sent: number;
  chats: number;
  first: number;
  last: number;
  violations: number;
}

/**
 * The same fan-out through the real Telegram channel over HTTP to the fake Bot API server (in a child process, its own
 * core), whose flood meter is raised to the benchmark's limit and counts violations.
 */
export async function benchRemindersOverHttp(opts: { recipients?: number; limit?: number; burst?: number; concurrency?: number } = {}): Promise<RemindersBenchResult> {
  const recipients = opts.recipients ?? 20_000;
  const limit = opts.limit ?? 1000;
  const child = fork(fileURLToPath(new URL('./support/fake-telegram-child.ts', import.meta.url)), [String(limit)], { execArgv: ['--import', 'tsx'] });
  const ask = <T>(type: string, reply: string) =>
    new Promise<T>((resolve) => {
      const on = (m: { type: string }) => {
        if (m.type !== reply) return;
        child.off('message', on);
        resolve(m as T);
      };
      child.on('message', on);
      if (type) child.send({ type });
    });
  const { url, token } = await ask<{ url: string; token: string }>('', 'ready');
  const tmp = tmpDir();
  const clock = new Clock(at('2030-07-10T08:00:30'));
  const app = await testApp(tmp.dir, clock);
  await addPeople(app, recipients);
  const channel = createTelegramChannel(createTelegramApi(new Telegram(token, { apiRoot: url, webhookReply: false })), app.db);
  const prefix = testPrefix();
  const settings = { ...DEFAULT_REMINDER_SETTINGS, channels: { telegram: { ...DEFAULT_CHANNEL_RATE, perSecond: limit, burst: opts.burst ?? 10 } } };
  const rem = startReminders(app, [channel], { role: 'worker', prefix, now: clock.now, schedulers: false, autoSweep: false, concurrency: opts.concurrency ?? 64, settings });
  try {
    await rem.ready();
    await rem.sweep();
    await waitFor('all recorded', async () => (await statuses(app, '2030-07-10-0800')).sent === recipients, 10 * 60_000);
    const stats = await ask<ChildStats>('stats', 'stats');
    const seconds = (stats.last - stats.first) / 1000;
    const achieved = stats.sent / seconds;
    return {
      recipients,
      limitPerSecond: limit,
      achievedPerSecond: Math.round(achieved),
      ratio: Number((achieved / limit).toFixed(3)),
      violations: stats.violations,
      duplicates: stats.sent - stats.chats,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      seconds: Number(seconds.toFixed(1)),
      districtMinutesAt25: Math.round(72_000 / 25 / 60),
    };
  } finally {
    await rem.close();
    await cleanupPrefix(prefix);
    await app.close();
    tmp.cleanup();
    child.send({ type: 'stop' });
  }
}

export function printRemindersBench(r: RemindersBenchResult): void {
  console.log(
    [
      `reminders fan-out: ${r.recipients} recipients in ${r.seconds} s`,
      `  achieved ${r.achievedPerSecond}/s of ${r.limitPerSecond}/s limit = ${r.ratio} (target ≥ 0.9)`,
      `  rate violations ${r.violations} (target 0), duplicates ${r.duplicates} (target 0), peak RSS ${r.peakRssMb} MB`,
      `  72,000 people at Telegram's 25/s: ${r.districtMinutesAt25} minutes`,
    ].join('\n'),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printRemindersBench(await benchReminders());
  console.log('over HTTP to the fake Telegram Bot API server:');
  printRemindersBench(await benchRemindersOverHttp());
}
