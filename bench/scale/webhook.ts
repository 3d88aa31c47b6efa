import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { freePort } from '../../tests/helpers/http.ts';
import { openDatabase, type DB } from '../../src/storage/db.ts';
import { cleanupPrefix } from '../../tests/support/reminders/harness.ts';
import { benchEnv, type Province } from './fixture.ts';
import { forkIpc, memoryMb, startBuilt, stop, type AppProcess } from './processes.ts';
import { seedTelegramPeople } from './seed.ts';
import type { WebhookGo, WebhookStats } from './webhook-users.ts';

const SECRET = 'scale-bench_webhook';
const HOOK_PATH = '/telegram/webhook';
const ADMIN_ID = 424242;

export interface WebhookNumbers {
  people: number;
  taps: number;
  updatesPerSecond: number;
  p50: number;
  p99: number;
  forwarded: number;
  failed: number;
  redelivered: number;
  checks: Record<string, string>;
  /** Peak RSS of each bot after the quiz traffic, then after the boards, charts and web pages. */
  botAfterTrafficMb: number[];
  botPeakMb: number[];
  /** Where each bot's memory is at the end (after boards, charts and pages), from bench/scale/memory-probe.mjs. */
  botMemory: MemoryBreakdown[];
  load: string;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/**
 * Two built ROLE=bot processes in webhook mode on the PostgreSQL database, behind the load generator's round-robin
 * proxy; `people` Telegram users each tap through one attempt. Then the database is checked against what was sent,
 * an official asks for the boards and charts, the web pages are fetched, and each process's peak RSS is read.
 */
export async function benchWebhook(province: Province, databaseUrl: string, opts: { people: number; redeliverEvery: number; nodeArgs?: string[] }): Promise<WebhookNumbers> {
  const db = openDatabase(databaseUrl, { poolSize: 2 });
  const userIds = Array.from({ length: opts.people }, (_, i) => 710_000_000 + i);
  const communes = (await db.selectFrom('units').select('code').where('kind', '=', 'commune').execute()).map((u) => u.code);
  await seedTelegramPeople(db, userIds, communes, Date.now());
  const users = forkIpc('./webhook-users.ts');
  const prefix = `bench-scale-${process.pid}`;
  const bots: (AppProcess & { probe: string })[] = [];
  const loadBefore = os.loadavg()[0]!.toFixed(2);
  try {
    const { url, token, proxy } = await users.request<{ url: string; token: string; proxy: string }>({ type: 'start' }, 'ready');
    const ports = [await freePort(), await freePort()];
    for (const port of ports) {
      const env = benchEnv(province, databaseUrl, {
        ROLE: 'bot',
        PORT: String(port),
        LOG_LEVEL: 'info',
        TELEGRAM_BOT_TOKEN: token,
        TELEGRAM_API_ROOT: url,
        TELEGRAM_WEBHOOK_URL: `${proxy}${HOOK_PATH}`,
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        ADMIN_TELEGRAM_IDS: String(ADMIN_ID),
        CONTEST_CLOSES_AT: new Date(Date.now() + 10 * 86_400_000).toISOString(),
        BULLMQ_PREFIX: prefix,
      });
      const probe = join(tmpdir(), `bench-memory-${process.pid}-${bots.length}.json`);
      bots.push(Object.assign(await startBuilt({ ...env, BENCH_MEMORY_FILE: probe }, /web pages served/u, ['--import', './bench/scale/memory-probe.mjs', ...(opts.nodeArgs ?? [])]), { probe }));
    }
    await users.request({ type: 'targets', urls: ports.map((p) => `http://127.0.0.1:${p}`) }, 'targets-set');
    const s = await users.request<WebhookStats>({ type: 'go', userIds, redeliverEvery: opts.redeliverEvery } satisfies WebhookGo, 'done');
    await drained(db);
    const ends = await users.request<{ people: number; doubled: number }>({ type: 'ends' }, 'ends');
    const checks = await checkDatabase(db, s.tapsByUser, ends);

    const botAfterTrafficMb = bots.map((b) => memoryMb(b.pid!).peak);
    // An official's boards and charts, and the web pages, on each process (round-robin: the commands twice).
    const commands = ['/bxh', '/bxhxa', '/bxhhuyen', '/bxhxa 185', '/thongke'];
    await users.request({ type: 'admin', adminId: ADMIN_ID, commands: [...commands, ...commands] }, 'admin-done');
    for (const port of ports) for (const path of ['/', '/don-vi', '/don-vi/06325', '/the-le']) await (await fetch(`http://127.0.0.1:${port}${path}`)).arrayBuffer();
    const botPeakMb = bots.map((b) => memoryMb(b.pid!).peak);
    const botMemory = await Promise.all(bots.map((b) => memoryBreakdown(b)));
    return {
      people: opts.people,
      taps: s.taps,
      updatesPerSecond: s.taps / (s.windowMs / 1000),
      p50: pct(s.processing, 50),
      p99: pct(s.processing, 99),
      forwarded: s.forwarded,
      failed: s.failed,
      redelivered: s.redelivered,
      checks,
      botAfterTrafficMb,
      botPeakMb,
      botMemory,
      load: `${loadBefore} → ${os.loadavg()[0]!.toFixed(2)}`,
    };
  } finally {
    for (const b of bots) await stop(b);
    users.send({ type: 'exit' });
    await db.destroy();
    await cleanupPrefix(prefix).catch(() => undefined);
  }
}

/** Until no update is waiting or in processing and no reply is pending (redelivered taps are processed too). */
async function drained(db: DB): Promise<void> {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    const inbox = await db.selectFrom('inbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', 'in', ['received', 'processing']).executeTakeFirstOrThrow();
    const outbox = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow();
    if (Number(inbox.n) === 0 && Number(outbox.n) === 0) return;
  }
  throw new Error('the bots did not drain their inbox within 2 minutes');
}

/** The database against what the people sent, and every counter against a recount. "ok" or what differs. */
async function checkDatabase(db: DB, tapsByUser: Record<string, number>, ends: { people: number; doubled: number }): Promise<Record<string, string>> {
  const verdict = (bad: number, what: string) => (bad === 0 ? 'ok' : `${bad} ${what}`);
  const perPerson = await sql<{ external_id: string; attempts: number; answers: number; positions: number; finished: number }>`
    select p.external_id, count(distinct a.id) as attempts, count(x.position) as answers,
           count(distinct a.id * 100 + x.position) as positions, count(distinct case when a.finished_at is not null then a.id end) as finished
    from participants p left join attempts a on a.participant_id = p.id left join answers x on x.attempt_id = a.id
    where p.channel = 'telegram' group by p.external_id`.execute(db);
  const people = perPerson.rows;
  const lost = people.filter((r) => Number(r.answers) < (tapsByUser[r.external_id] ?? 0)).length;
  const extra = people.filter((r) => Number(r.answers) > (tapsByUser[r.external_id] ?? 0)).length;
  const doubled = people.filter((r) => Number(r.positions) !== Number(r.answers) || Number(r.attempts) !== 1).length;
  const unfinished = people.filter((r) => Number(r.finished) !== 1).length;

  const scores = await sql<{ n: number }>`
    select count(*) as n from attempts a
    where a.finished_at is not null and a.participant_id in (select id from participants where channel = 'telegram')
      and a.score <> (select count(*) from answers x where x.attempt_id = a.id and x.is_correct = 1)`.execute(db);
  const best = await sql<{ n: number }>`
    select count(*) as n from best_results b
    where b.score <> (select max(a.score) from attempts a where a.participant_id = b.participant_id and a.round_id = b.round_id and a.finished_at is not null)`.execute(db);
  const bestMissing = await sql<{ n: number }>`
    select count(*) as n from (select distinct participant_id, round_id from attempts where finished_at is not null) f
    where not exists (select 1 from best_results b where b.participant_id = f.participant_id and b.round_id = f.round_id)`.execute(db);
  const overall = await sql<{ n: number }>`
    select count(*) as n from participants p
    where p.overall_score <> coalesce((select sum(b.score) from best_results b where b.participant_id = p.id), 0)`.execute(db);
  const finishedCount = await sql<{ n: number }>`
    select count(*) as n from participants p
    where p.finished_attempts <> (select count(*) from attempts a where a.participant_id = p.id and a.finished_at is not null)`.execute(db);
  const unitCounters = await sql<{ n: number }>`
    select count(*) as n from (
      select p.commune_code, sum(p.finished_attempts) as counted,
             (select count(*) from attempts a join participants q on q.id = a.participant_id where q.commune_code = p.commune_code and a.finished_at is not null) as recount
      from participants p where p.commune_code is not null group by p.commune_code) u
    where u.counted <> u.recount`.execute(db);
  const n = (r: { rows: { n: number }[] }) => Number(r.rows[0]!.n);
  return {
    'people who tapped': String(Object.keys(tapsByUser).length),
    'taps lost (sent, no answer row)': verdict(lost, 'people'),
    'answers not sent as taps': verdict(extra, 'people'),
    'duplicated answers / second attempts': verdict(doubled, 'people'),
    'attempts not finished exactly once': verdict(unfinished, 'people'),
    'end message twice': verdict(ends.doubled, 'people'),
    'attempt score = recount of correct answers': verdict(n(scores), 'attempts differ'),
    'best result = best finished attempt': verdict(n(best) + n(bestMissing), 'differ'),
    'overall score = sum of best results': verdict(n(overall), 'people differ'),
    'finished_attempts = recount': verdict(n(finishedCount), 'people differ'),
    'unit counters = recount per commune': verdict(n(unitCounters), 'communes differ'),
  };
}

export interface MemoryBreakdown {
  rss: number;
  peak: number;
  rssAnon: number;
  rssFile: number;
  lazyFree: number;
  threads: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  spaces: Record<string, number>;
}

/** Asks a bot started with the memory probe where its memory is (SIGUSR2), in MB. */
async function memoryBreakdown(bot: { pid?: number | undefined; probe: string }): Promise<MemoryBreakdown> {
  rmSync(bot.probe, { force: true });
  process.kill(bot.pid!, 'SIGUSR2');
  for (const deadline = Date.now() + 10_000; !existsSync(bot.probe); ) {
    if (Date.now() > deadline) throw new Error('the bot did not answer the memory probe');
    await new Promise((r) => setTimeout(r, 50));
  }
  const breakdown = JSON.parse(readFileSync(bot.probe, 'utf8')) as MemoryBreakdown;
  rmSync(bot.probe, { force: true });
  return breakdown;
}
