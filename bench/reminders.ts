/**
 * Reminders fan-out benchmark: 20,000 recipients through the real worker (BullMQ on Redis, SQLite claims) to a fake
 * channel that enforces the raised limit (1,000/s overall, 1/s per chat) and counts violations — once to an
 * in-process fake channel, once through the real Telegram channel over HTTP to the fake Bot API server.
 * Standalone: `npx tsx bench/reminders.ts`; bench/run.ts calls both.
 */
import { forkIpc } from './scale/processes.ts';
import { Telegram } from 'telegraf';
import { createTelegramApi } from '../src/channels/telegram/api.ts';
import { createTelegramChannel } from '../src/channels/telegram/channel.ts';
import type { App } from '../src/app.ts';
import type { ChatChannel } from '../src/contract/channel.ts';
import { DEFAULT_CHANNEL_RATE, DEFAULT_REMINDER_SETTINGS } from '../src/core/reminder-slots.ts';
import { startReminders } from '../src/reminders/runtime.ts';
import { countByChat, countViolations, FakeChannel } from '../tests/support/reminders/fake-channel.ts';
import { addPeople, at, cleanupPrefix, Clock, statuses, testApp, testPrefix, tempDir, waitFor } from '../tests/support/reminders/harness.ts';

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

interface FanoutOptions {
  recipients?: number;
  limit?: number;
  burst?: number;
  concurrency?: number;
  /** The limiter's configured rate, when it should differ from the measured limit. */
  configured?: number;
}

/** What the receiving side saw: sends, distinct chats, first and last send (ms), violations of the raised limit. */
interface Observed {
  sent: number;
  chats: number;
  first: number;
  last: number;
  violations: number;
}

/**
 * Runs one slot's fan-out to `recipients` people through the real worker and `channel`, then asks `observe` what the
 * receiving side saw once every delivery is recorded.
 */
async function runFanout(opts: FanoutOptions, makeChannel: (app: App) => ChatChannel, observe: () => Promise<Observed>): Promise<RemindersBenchResult> {
  const recipients = opts.recipients ?? 20_000;
  const limit = opts.limit ?? 1000;
  const tmp = tempDir();
  const clock = new Clock(at('2030-07-10T08:00:30'));
  const app = await testApp(tmp.path, clock);
  await addPeople(app, recipients);
  const prefix = testPrefix();
  // burst/limit ms windows: 10 jobs per 10 ms at 1,000/s (measured best with zero violations). BullMQ's limiter counts job starts; the fake counts sends.
  const settings = { ...DEFAULT_REMINDER_SETTINGS, channels: { telegram: { ...DEFAULT_CHANNEL_RATE, perSecond: opts.configured ?? limit, burst: opts.burst ?? 10 } } };
  const rem = startReminders(app, [makeChannel(app)], { role: 'worker', prefix, now: clock.now, schedulers: false, autoSweep: false, concurrency: opts.concurrency ?? 64, settings });
  try {
    await rem.ready();
    await rem.sweep();
    await waitFor('all recorded', async () => (await statuses(app, '2030-07-10-0800')).sent === recipients, 10 * 60_000);
    const seen = await observe();
    const seconds = (seen.last - seen.first) / 1000;
    const achieved = seen.sent / seconds;
    return {
      recipients,
      limitPerSecond: limit,
      achievedPerSecond: Math.round(achieved),
      ratio: Number((achieved / limit).toFixed(3)),
      violations: seen.violations,
      duplicates: seen.sent - seen.chats,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      seconds: Number(seconds.toFixed(1)),
      districtMinutesAt25: Math.round(72_000 / 25 / 60),
    };
  } finally {
    await rem.close();
    await cleanupPrefix(prefix);
    await app.close();
    tmp.remove();
  }
}

/** The fan-out to an in-process fake channel. */
export async function benchReminders(opts: FanoutOptions = {}): Promise<RemindersBenchResult> {
  const limit = opts.limit ?? 1000;
  const channel = new FakeChannel({ perSecond: limit, perChatMs: 1000 });
  return runFanout(opts, () => channel, async () => {
    const times = channel.sent.map((s) => s.at);
    return {
      sent: channel.sent.length,
      chats: countByChat(channel.sent).size,
      first: Math.min(...times),
      last: Math.max(...times),
      violations: channel.violations + countViolations(channel.sent, limit, 1000),
    };
  });
}

/**
 * The same fan-out through the real Telegram channel over HTTP to the fake Bot API server (in a child process, its own
 * core), whose flood meter is raised to the benchmark's limit and counts violations.
 */
export async function benchRemindersOverHttp(opts: FanoutOptions = {}): Promise<RemindersBenchResult> {
  const child = forkIpc('../support/fake-telegram-child.ts', [String(opts.limit ?? 1000)]);
  const ask = <T>(type: string, reply: string) => child.request<T>(type ? { type } : {}, reply);
  try {
    const { url, token } = await ask<{ url: string; token: string }>('', 'ready');
    const makeChannel = (app: App) => createTelegramChannel(createTelegramApi(new Telegram(token, { apiRoot: url, webhookReply: false })), app.services.intake);
    return await runFanout(opts, makeChannel, () => ask<Observed>('stats', 'stats'));
  } finally {
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
