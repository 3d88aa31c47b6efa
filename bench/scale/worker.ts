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
  seconds: number;
  perSecond: number;
  peakMb: number;
  sampledMaxMb: number;
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
 * a child process. Its resident memory is sampled every 100 ms until every delivery is recorded as sent.
 */
export async function benchWorker(opts: { recipients: number; perSecond: number }): Promise<WorkerNumbers> {
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
    worker = await startBuilt(env, /reminder schedulers upserted/u);
    const sampler = sampleRss(worker.pid!);
    const sent = async () => Number((await app.db.selectFrom('reminder_deliveries').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'sent').executeTakeFirstOrThrow()).n);
    for (const deadline = Date.now() + 20 * 60_000; (await sent()) < opts.recipients; await new Promise((r) => setTimeout(r, 500))) {
      if (Date.now() > deadline || worker.exitCode !== null) throw new Error(`fan-out not finished: ${await sent()} sent\n${worker.log().slice(-2000)}`);
    }
    const seconds = (performance.now() - started) / 1000;
    const rss = sampler.stop();
    return { recipients: opts.recipients, seconds, perSecond: opts.recipients / seconds, peakMb: rss.peak, sampledMaxMb: rss.sampledMax, load: `${loadBefore} → ${os.loadavg()[0]!.toFixed(2)}` };
  } finally {
    if (worker) await stop(worker);
    fake.send({ type: 'stop' });
    await app.close();
    await database.drop();
    await cleanupPrefix(prefix).catch(() => undefined);
    province.remove();
  }
}
