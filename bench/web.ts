import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pino from 'pino';
import { createApp } from '../src/app.ts';
import { envSchema } from '../src/config/env.ts';
import { seededRandom } from '../src/core/random.ts';
import { createHttpServer } from '../src/http/server.ts';
import { sqlitePath } from '../src/storage/db.ts';
import { MISSING_ACCOUNTS_SQL } from '../src/storage/repos/accounts.ts';
import { webContext } from '../src/web/context.ts';
import { registerWeb } from '../src/web/index.ts';
import { freePort } from '../tests/helpers/http.ts';
import { percentile, report, type BenchDir } from './util.ts';

const PARTICIPANTS = 300_000;
/** 20 GETs a second for 40 s: the 15 s cache expires twice, so refreshes (which block SQLite's connection) are inside. */
const RATE = 20;
const SECONDS = 40;
const DAY = 86_400_000;

/**
 * 300,000 registered people (or `count`) spread over the communes (a third also in an agency) and over the first 16 days; each has
 * one finished attempt (and best result) in one of the first three rounds. Straight through SQLite: setup, not measured.
 */
export function seed(file: string, communes: string[], agencies: string[], opensAt: number, count = PARTICIPANTS): void {
  const db = new SQLite(file);
  const person = db.prepare(
    `insert into participants (id, channel, external_id, chat_id, full_name, phone, commune_code, agency_code, consent_at, registered_at, step, invite_code, created_at,
       overall_score, overall_duration_ms, overall_finished_at, finished_attempts)
     values (?, 'bench', ?, ?, ?, ?, ?, ?, ?, ?, 'ready', ?, ?, ?, ?, ?, 1)`,
  );
  const attempt = db.prepare(`insert into attempts (id, participant_id, round_id, started_at, deadline_at, question_count, finished_at, score, duration_ms) values (?, ?, ?, ?, ?, 10, ?, ?, ?)`);
  const best = db.prepare(`insert into best_results (participant_id, round_id, attempt_id, score, duration_ms, finished_at, prediction) values (?, ?, ?, ?, ?, ?, ?)`);
  db.transaction(() => {
    for (let id = 1; id <= count; id++) {
      const registered = opensAt + (id % 16) * DAY + (id % 600) * 60_000;
      const round = id % 3;
      const started = Math.max(registered, opensAt + round * 7 * DAY) + 60_000;
      const score = id % 11;
      const duration = 60_000 + ((id * 7919) % 840_000);
      person.run(id, `u${id}`, `u${id}`, `Người dự thi ${id}`, `09${String(id).padStart(8, '0')}`, communes[id % communes.length], id % 3 === 0 ? agencies[id % agencies.length] : null,
        registered, registered, `inv${id}`, registered, score, duration, started + duration);
      attempt.run(id, id, `tuan-${round + 1}`, started, started + 15 * 60_000, started + duration, score, duration);
      best.run(id, `tuan-${round + 1}`, id, score, duration, started + duration, id % 300);
    }
  })();
  db.exec(MISSING_ACCOUNTS_SQL);
  db.close();
}

/** GETs at a steady pace, alternating between the URLs; the time of each request by URL. */
async function timeGets(urls: string[]): Promise<number[][]> {
  const timings = urls.map((): number[] => []);
  const start = performance.now();
  for (let i = 0; i < RATE * SECONDS; i++) {
    const due = start + (i * 1000) / RATE;
    if (performance.now() < due) await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
    const t = performance.now();
    await (await fetch(urls[i % urls.length]!)).arrayBuffer();
    timings[i % urls.length]!.push(performance.now() - t);
  }
  return timings;
}

/** RSS of the real entry point (local chat + web) on the seeded database, after pages and a /bxhxa chart were served. */
async function botRss(databaseUrl: string): Promise<{ idleMb: number; afterMb: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--chat'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, DEMO: 'off', PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const until = async (pattern: RegExp) => {
    while (!pattern.test(out)) await once(child.stdout, 'data');
  };
  const rssMb = () => Number(/VmRSS:\s+(\d+) kB/u.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024;
  await until(/Trang web \/ web pages: /u);
  await until(/\n> ?$|Xin chào|Chào mừng|\?/u).catch(() => undefined);
  const idleMb = rssMb();
  for (const path of ['/', '/don-vi', '/don-vi/06325', '/the-le']) await (await fetch(`http://127.0.0.1:${port}${path}`)).arrayBuffer();
  child.stdin.write('/admin\n/bxhxa\n/thongke\n');
  await until(/thongke\.png/u);
  const afterMb = rssMb();
  child.stdin.end();
  await once(child, 'exit');
  return { idleMb, afterMb };
}

export async function benchWeb(dir: BenchDir): Promise<Record<string, number>> {
  const databaseUrl = join(dir.path, 'web.sqlite');
  const now = Date.parse('2023-07-19T09:00:00+07:00'); // rounds 1 and 2 closed: their winners are on the page
  const env = envSchema.parse({ DATABASE_URL: databaseUrl, DEMO: 'off', LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'https://cds.example.vn', TELEGRAM_BOT_USERNAME: 'cds_bench_bot' });
  const log = pino({ level: 'silent' });
  let app = await createApp(env, { now: () => now, random: seededRandom(1), log });
  const units = (kind: string) => app.units.filter((u) => u.kind === kind).map((u) => u.code);
  await app.close();
  seed(sqlitePath(databaseUrl), units('commune'), units('agency'), app.campaign.opensAt);
  app = await createApp(env, { now: () => now, random: seededRandom(1), log });

  // What a cache refresh costs, uncached: the live figures' queries, and the winners' (kept 5 minutes).
  const refresh: number[] = [];
  const winners: number[] = [];
  for (let i = 0; i < 5; i++) {
    let t = performance.now();
    await app.services.public.figures();
    refresh.push(performance.now() - t);
    t = performance.now();
    await app.services.public.winners(3);
    winners.push(performance.now() - t);
  }

  const http = createHttpServer({ port: 0, host: '127.0.0.1', log });
  await registerWeb(http.fastify, webContext(app, { port: 0 }));
  const port = await http.listen();
  const base = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const home = await (await fetch(`${base}/`)).arrayBuffer();
  const firstMs = performance.now() - t0;
  const unit = await (await fetch(`${base}/don-vi/06325`)).arrayBuffer();
  const [homeTimings, unitTimings] = await timeGets([`${base}/`, `${base}/don-vi/06325`]);
  await http.close();
  await app.close();

  const rss = await botRss(databaseUrl);
  const results = {
    participants: PARTICIPANTS,
    'home KB': Math.round(home.byteLength / 102.4) / 10,
    'unit page KB': Math.round(unit.byteLength / 102.4) / 10,
    'home first request ms': firstMs,
    'home p50 ms': percentile(homeTimings!, 50),
    'home p95 ms': percentile(homeTimings!, 95),
    'home p99 ms': percentile(homeTimings!, 99),
    'home max ms': Math.max(...homeTimings!),
    'unit page p95 ms': percentile(unitTimings!, 95),
    'live figures query p50 ms': percentile(refresh, 50),
    'winners query p50 ms': percentile(winners, 50),
    'bot RSS idle MB': rss.idleMb,
    'bot RSS after pages+charts MB': rss.afterMb,
  };
  report(`web pages at ${PARTICIPANTS.toLocaleString('en')} participants (${RATE} GETs/s over HTTP for ${SECONDS} s, / and a unit page in turn)`, results);
  return results;
}
