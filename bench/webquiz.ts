import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createApp } from '../src/app.ts';
import { openRound } from '../src/core/campaign.ts';
import { envSchema } from '../src/config/env.ts';
import { seededRandom } from '../src/core/random.ts';
import { sqlitePath } from '../src/storage/db.ts';
import { freePort } from '../tests/helpers/http.ts';
import { percentile, report, type BenchDir } from './util.ts';
import { SHIPPED_BOT_FLAGS } from './scale.ts';
import { seed } from './web.ts';

/** The moment of the configured campaign the run plays in: rounds 1 and 2 closed, round 3 open. */
const AS_IF = Date.parse('2023-07-19T09:00:00+07:00');
const KB = 1024;

export interface WebQuizOptions {
  participants: number;
  people: number;
  /** Each person's pause before answering, uniformly 0…thinkMs (reading the question). */
  thinkMs: number;
  /** Diagnosis only: the bot runs with --expose-gc and collects garbage before each memory reading. */
  gc: boolean;
}

/** `--participants 300000 --people 200 --think-ms 2000` (the defaults); `--gc` to read memory after a collection. */
export function webQuizOptions(args: string[]): WebQuizOptions {
  const flag = (name: string, fallback: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  return { participants: flag('participants', 300_000), people: flag('people', 200), thinkMs: flag('think-ms', 2_000), gc: args.includes('--gc') };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Memory {
  rss: number;
  rssAnon: number;
  rssFile: number;
  lazyFree: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  spaces: Record<string, number>;
}

/** The bot's memory from the probe (MB), asked by SIGUSR2. */
async function readProbe(pid: number, file: string): Promise<Memory> {
  rmSync(file, { force: true });
  process.kill(pid, 'SIGUSR2');
  while (!existsSync(file)) await sleep(20);
  return JSON.parse(readFileSync(file, 'utf8')) as Memory;
}

/** Where the resident set grew between two readings: V8's heap (by space) or outside it. */
function memoryGrowth(before: Memory, after: Memory): Record<string, number> {
  const d = (f: (m: Memory) => number) => f(after) - f(before);
  return {
    'RSS anon growth MB': d((m) => m.rssAnon),
    'RSS file growth MB': d((m) => m.rssFile),
    'lazy-free after quiz MB': after.lazyFree,
    'V8 heap total growth MB': d((m) => m.heapTotal),
    'V8 heap used after web MB': before.heapUsed,
    'V8 heap used after quiz MB': after.heapUsed,
    'V8 new space growth MB': d((m) => m.spaces.new_space ?? 0),
    'V8 old space growth MB': d((m) => m.spaces.old_space ?? 0),
    'outside V8 heap (anon − heap total) growth MB': d((m) => m.rssAnon - m.heapTotal),
    'external growth MB': d((m) => m.external),
  };
}

/**
 * The web quiz over HTTP (issue 22): `people` seeded participants, each signed in with a personal link, play one whole
 * attempt at once on the real entry point (local chat + web, SQLite) with `participants` registered: GET /thi (the
 * question), POST /thi/tra-loi (then its 303), ten times, then the result. Bounded (one attempt each) and ends by
 * itself. The bot's RSS is read after the web bench's own steps (pages and a /bxhxa chart) and again after the quiz.
 */
export async function benchWebQuiz(dir: BenchDir, opts: WebQuizOptions): Promise<Record<string, number>> {
  const databaseUrl = join(dir.path, 'webquiz.sqlite');
  const log = pino({ level: 'silent' });
  const base = { DATABASE_URL: databaseUrl, DEMO: 'off', LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'https://cds.example.vn' };
  // The configured campaign moved so that the real clock stands where AS_IF stands in it.
  let app = await createApp(envSchema.parse(base), { now: () => AS_IF, random: seededRandom(1), log });
  const closesAt = new Date(app.campaign.closesAt + (Date.now() - AS_IF)).toISOString();
  await app.close();
  const env = { ...base, CONTEST_CLOSES_AT: closesAt };
  app = await createApp(envSchema.parse(env), { random: seededRandom(1), log });
  if (!openRound(app.campaign, Date.now())) throw new Error('no open round');
  const units = (kind: string) => app.units.filter((u) => u.kind === kind).map((u) => u.code);
  await app.close();
  const seedStart = performance.now();
  seed(sqlitePath(databaseUrl), units('commune'), units('agency'), app.campaign.opensAt, opts.participants);
  const seedS = (performance.now() - seedStart) / 1000;

  // A personal link for each person, spent as the link page's POST would (setup, not measured).
  app = await createApp(envSchema.parse(env), { random: seededRandom(1), log });
  const sessions: string[] = [];
  for (let i = 1; i <= opts.people; i++) {
    const link = await app.services.webSessions.createQuizLink({ channel: 'bench', externalId: `u${i}` });
    const r = await app.services.webSessions.quizSignIn(link.token);
    if (r.kind !== 'signed_in') throw new Error(`sign-in ${i}: ${r.kind}`);
    sessions.push(r.sessionId);
  }
  await app.close();

  const port = await freePort();
  // The memory probe of the scale bench (SIGUSR2: V8's spaces and /proc's split of the resident set).
  const probe = join(dir.path, 'webquiz-memory.json');
  // The bot as `npm run chat` starts it: with the shipped flags (a young generation capped at 2 MB semi-spaces).
  const nodeArgs = [...SHIPPED_BOT_FLAGS.split(' '), '--import', 'tsx', '--import', './bench/scale/memory-probe.mjs', ...(opts.gc ? ['--expose-gc'] : [])];
  const child = spawn(process.execPath, [...nodeArgs, 'src/main.ts', '--chat'], {
    env: { ...process.env, ...env, LOG_LEVEL: 'warn', PORT: String(port), BENCH_MEMORY_FILE: probe },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const until = async (pattern: RegExp) => {
    while (!pattern.test(out)) await once(child.stdout, 'data');
  };
  const url = (path: string) => `http://127.0.0.1:${port}${path}`;
  try {
    await until(/Trang web \/ web pages: /u);
    // What `npm run bench -- web` measures: the public pages served and a /bxhxa chart drawn.
    for (const path of ['/', '/don-vi', '/don-vi/06325', '/the-le']) await (await fetch(url(path))).arrayBuffer();
    child.stdin.write('/admin\n/bxhxa\n/thongke\n');
    await until(/thongke\.png/u);
    const memoryWeb = await readProbe(child.pid!, probe);
    const rssWebMb = memoryWeb.rss;

    const gets: number[] = [];
    const laterGets: number[] = [];
    const starts: number[] = [];
    const posts: number[] = [];
    let pageBytes = 0;
    let cssBytes = 0;
    let finished = 0;
    const random = seededRandom(7);
    const play = async (session: string) => {
      const cookie = `cds_thi=${session}`;
      const get = async (path: string) => {
        const t = performance.now();
        const res = await fetch(url(path), { headers: { cookie }, redirect: 'manual' });
        const body = await res.text();
        return { res, body, ms: performance.now() - t };
      };
      const post = async (path: string, form: Record<string, string>) => {
        const t = performance.now();
        const res = await fetch(url(path), { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(), redirect: 'manual' });
        await res.arrayBuffer();
        return { res, ms: performance.now() - t };
      };
      let page = await get('/thi');
      const csrf = /name="csrf" value="([^"]+)"/u.exec(page.body)![1]!;
      if (!/name="a" value=/u.test(page.body)) {
        starts.push((await post('/thi/bat-dau', { csrf })).ms);
        page = await get('/thi');
      }
      for (;;) {
        const a = /name="a" value="(\d+)"/u.exec(page.body)?.[1];
        const p = /name="p" value="(\d+)"/u.exec(page.body)?.[1];
        if (!a || !p) throw new Error(`no question: ${page.res.status} ${page.body.slice(0, 200)}`);
        gets.push(page.ms);
        if (p !== '0') laterGets.push(page.ms);
        if (!pageBytes) {
          pageBytes = Buffer.byteLength(page.body);
          const css = /href="(\/static\/site\.[0-9a-f]{12}\.css)"/u.exec(page.body)![1]!;
          cssBytes = (await (await fetch(url(css))).arrayBuffer()).byteLength;
        }
        await sleep(random() * opts.thinkMs);
        const answered = await post('/thi/tra-loi', { a, p, csrf, o: String(Math.floor(random() * 4)) });
        if (answered.res.status !== 303) throw new Error(`answer: ${answered.res.status}`);
        posts.push(answered.ms);
        const next = answered.res.headers.get('location')!;
        if (next.startsWith('/thi/ket-qua/')) {
          const result = await get(next);
          if (result.res.status !== 200) throw new Error(`result: ${result.res.status}`);
          finished++;
          return;
        }
        page = await get(next);
      }
    };
    const start = performance.now();
    await Promise.all(sessions.map(play));
    const runS = (performance.now() - start) / 1000;
    const load = loadavg()[0]!;
    await sleep(1_000);
    const memoryQuiz = await readProbe(child.pid!, probe);
    const rssQuizMb = memoryQuiz.rss;
    const results = {
      participants: opts.participants,
      people: opts.people,
      'finished attempts': finished,
      'seed s': seedS,
      'run s': runS,
      'question GET p50 ms': percentile(gets, 50),
      'question GET p95 ms': percentile(gets, 95),
      'question GET p95, 2nd on ms': percentile(laterGets, 95),
      'start POST p50 ms': percentile(starts, 50),
      'start POST p95 ms': percentile(starts, 95),
      'answer POST p50 ms': percentile(posts, 50),
      'answer POST p95 ms': percentile(posts, 95),
      'answer POST p99 ms': percentile(posts, 99),
      'question page KB': Math.round((pageBytes / KB) * 10) / 10,
      'page + CSS KB (no fonts)': Math.round(((pageBytes + cssBytes) / KB) * 10) / 10,
      'bot RSS after web bench MB': rssWebMb,
      'bot RSS after quiz MB': rssQuizMb,
      'RSS growth MB': rssQuizMb - rssWebMb,
      ...memoryGrowth(memoryWeb, memoryQuiz),
      'load average (1 min)': load,
    };
    report(`web quiz at ${opts.participants.toLocaleString('en')} participants (${opts.people} people at once over HTTP, one attempt each, think 0–${opts.thinkMs} ms)`, results);
    return results;
  } finally {
    child.stdin.end();
    child.kill('SIGTERM');
    await once(child, 'exit').catch(() => undefined);
  }
}
