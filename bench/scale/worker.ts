import os from 'node:os';
import pino from 'pino';
import { createApp } from '../../src/app.ts';
import { envSchema } from '../../src/config/env.ts';
import { cleanupPrefix } from '../../tests/support/reminders/harness.ts';
import { benchEnv, freshPostgres, makeProvince } from './fixture.ts';
import { forkIpc, sampleRss, startBuilt, stop } from './processes.ts';
import { seedTelegramPeople } from './seed.ts';

export interface WorkerNumbers {
  recipients: number;
  /** From the worker's start until every recipient had a queued delivery and a send job. */
  fanOutSeconds: number;
  sent: number;
  seconds: number;
  perSecond: number;
  peakMb: number;
  sampledMaxMb: number;
  /** Seconds after the worker was ready when the largest sample was taken. */
  sampledMaxAt: number;
  load: string;
}

const HOUR = 3_600_000;
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/**
 * A campaign whose one daily reminder slot began a minute ago (Asia/Ho_Chi_Minh, UTC+7), quiet hours far from it, and
 * Telegram's rate raised so that 100,000 sends take minutes, not an hour: a worker that starts now fans the slot out.
 */
function slotNow(perSecond: number): string {
  const local = Date.now() + 7 * HOUR - 60_000;
  const quietFrom = hhmm(local + 6 * HOUR).slice(0, 2);
  const quietTo = hhmm(local + 7 * HOUR).slice(0, 2);
  return [
    'reminders:',
    `  daily: ["${hhmm(local)}"]`,
    '  near_end: []',
    '  last_day: []',
    `  quiet_hours: { from: "${quietFrom}:00", to: "${quietTo}:00" }`,
    '  valid_for_minutes: 120',
    `  channels: { telegram: { per_second: ${perSecond}, burst: 20, per_chat_ms: 1000 } }`,
    '',
  ].join('\n');
}

/**
 * A real worker process (`node dist/src/main.js`, ROLE=worker) on a PostgreSQL database of its own with `recipients`
 * registered Telegram people, sending one slot's reminders to the fake Bot API (its flood meter raised to the rate) in
 * a child process. Its resident memory is sampled every 100 ms through the fan-out and `sendSeconds` of sending after.
 */
export async function benchWorker(opts: { recipients: number; perSecond: number; sendSeconds: number; nodeArgs?: string[] }): Promise<WorkerNumbers> {
  const province = makeProvince(slotNow(opts.perSecond));
  const database = await freshPostgres('worker');
  const prefix = `bench-scale-worker-${process.pid}`;
  const fake = forkIpc('../support/fake-telegram-child.ts', [String(opts.perSecond)]);
  const closes = new Date(Date.now() + 10 * 86_400_000).toISOString();
  const app = await createApp(envSchema.parse(benchEnv(province, database.url, { CONTEST_CLOSES_AT: closes })), { log: pino({ level: 'silent' }) });
  let worker: Awaited<ReturnType<typeof startBuilt>> | undefined;
  const loadBefore = os.loadavg()[0]!.toFixed(2);
  try {
    const communes = app.units.filter((u) => u.kind === 'commune').map((u) => u.code);
    await seedTelegramPeople(app.db, Array.from({ length: opts.recipients }, (_, i) => 720_000_000 + i), communes, Date.now());
    const { url, token } = await fake.request<{ url: string; token: string }>({}, 'ready');
    const env = benchEnv(province, database.url, { ROLE: 'worker', LOG_LEVEL: 'info', TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: url, BULLMQ_PREFIX: prefix, CONTEST_CLOSES_AT: closes });
    const started = performance.now();
    worker = await startBuilt(env, /reminder schedulers upserted/u, opts.nodeArgs);
    const sampler = sampleRss(worker.pid!);
    // Measured until the fan-out has paged the whole audience into send jobs and then `sendSeconds` of sending (on a
    // loaded 2-core machine all 100,000 sends take far longer; the sending phase's memory is flat).
    const count = async (status: 'sent') => Number((await app.db.selectFrom('reminder_deliveries').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', status).executeTakeFirstOrThrow()).n);
    const fannedOut = async () => (await app.db.selectFrom('reminder_runs').select('status').where('status', 'in', ['fanned_out', 'done']).executeTakeFirst()) !== undefined;
    let fanOutSeconds = 0;
    for (const deadline = Date.now() + 40 * 60_000; ; await new Promise((r) => setTimeout(r, 500))) {
      if (Date.now() > deadline || worker.exitCode !== null) throw new Error(`fan-out not finished: ${await count('sent')} sent\n${worker.log().slice(-2000)}`);
      if (!fanOutSeconds && (await fannedOut())) fanOutSeconds = (performance.now() - started) / 1000;
      if (fanOutSeconds && (performance.now() - started) / 1000 > fanOutSeconds + opts.sendSeconds) break;
      if ((await count('sent')) >= opts.recipients) break;
    }
    const sentCount = await count('sent');
    const seconds = (performance.now() - started) / 1000;
    const rss = sampler.stop();
    return { recipients: opts.recipients, fanOutSeconds, sent: sentCount, seconds, perSecond: sentCount / seconds, peakMb: rss.peak, sampledMaxMb: rss.sampledMax, sampledMaxAt: rss.atSeconds, load: `${loadBefore} → ${os.loadavg()[0]!.toFixed(2)}` };
  } finally {
    if (worker) await stop(worker);
    fake.send({ type: 'stop' });
    await app.close();
    await database.drop();
    await cleanupPrefix(prefix).catch(() => undefined);
    province.remove();
  }
}
