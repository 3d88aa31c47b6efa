/**
 * `npm run bench -- scale` (issue 12, "Measured"): SQLite and PostgreSQL side by side at 300,000 registered
 * participants (answers/s against each one's floor, the three boards), two built ROLE=bot processes in webhook mode on
 * that PostgreSQL database behind a round-robin proxy (updates/s, processing latency, then the database checked
 * against what was sent and against a recount), the bots' peak RSS after traffic, boards and charts, and a built
 * ROLE=worker's peak RSS during a 100,000-recipient fan-out. Takes about 15 minutes; builds first (`npm run build`).
 * Smaller runs: `npm run bench -- scale --participants 20000 --people 200 --recipients 10000`.
 * Needs PostgreSQL at 127.0.0.1:5432 (user postgres; BENCH_PG_URL to change) and Redis at 127.0.0.1:6379.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchDatabase, type DatabaseNumbers } from './scale/database.ts';
import { freshPostgres, makeProvince } from './scale/fixture.ts';
import { benchWebhook } from './scale/webhook.ts';
import { benchWorker } from './scale/worker.ts';

/** The Node flags of docs/deployment.md's systemd units (and of `npm start`, for the young generation). */
export const SHIPPED_BOT_FLAGS = '--max-semi-space-size=2';
const SHIPPED_WORKER_FLAGS = '--max-semi-space-size=2 --max-old-space-size=128';

// Parsed when the scale bench runs, not on import: the other benches take other arguments.
const parseScaleArgs = () =>
  parseArgs({
    args: process.argv.slice(2).filter((a) => a !== 'scale'),
    options: {
      participants: { type: 'string', default: '300000' },
      active: { type: 'string', default: '600' },
      people: { type: 'string', default: '500' },
      recipients: { type: 'string', default: '100000' },
      'worker-rate': { type: 'string', default: '2000' },
      /** Seconds of sending measured after the fan-out has paged everyone into send jobs. */
      'send-seconds': { type: 'string', default: '90' },
      /** Run only one part: databases (with the webhook run on PostgreSQL) or worker. */
      only: { type: 'string' },
      /**
       * Node flags for the bot and worker processes instead of the shipped ones (docs/deployment.md's systemd units:
       * bots --max-semi-space-size=2; workers also --max-old-space-size=128), e.g. --node-args=--max-old-space-size=64;
       * --node-args=none runs them with Node's defaults.
       */
      'node-args': { type: 'string' },
    },
}).values;
let values: ReturnType<typeof parseScaleArgs>;
const n = (k: keyof typeof values) => Number(values[k]);
const f = (v: number, digits = 1) => v.toLocaleString('en', { maximumFractionDigits: digits });
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

export async function benchScale(): Promise<void> {
  values = parseScaleArgs();
  execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const participants = n('participants');
  const given = values['node-args'];
  const flags = (shipped: string) => (given === undefined ? shipped : given === 'none' ? '' : given).split(' ').filter(Boolean);
  if (values.only !== 'worker') await benchDatabasesAndBots(participants, flags(SHIPPED_BOT_FLAGS));
  if (values.only !== 'databases') await benchWorkerPart(flags(SHIPPED_WORKER_FLAGS));
}

async function benchDatabasesAndBots(participants: number, nodeArgs: string[]): Promise<void> {
  console.log(`\n## scale (issue 12): ${f(participants)} participants${nodeArgs.length ? ` (bot node ${nodeArgs.join(' ')})` : ''}, node ${process.version}, ${os.availableParallelism()} cores, load ${load()} at start`);
  const province = makeProvince();
  const postgres = await freshPostgres('scale');
  try {
    const sqlite = await benchDatabase(province, join(province.dir, 'scale.sqlite'), { participants, active: n('active') });
    console.log(`  SQLite measured (seeded in ${f(sqlite.seedSeconds)} s), load ${load()}`);
    const pgNumbers = await benchDatabase(province, postgres.url, { participants, active: n('active') });
    console.log(`  PostgreSQL measured (seeded in ${f(pgNumbers.seedSeconds)} s), load ${load()}`);
    printDatabases(participants, sqlite, pgNumbers);

    const hook = await benchWebhook(province, postgres.url, { people: n('people'), redeliverEvery: 20, nodeArgs });
    console.log(`\n  two ROLE=bot processes (node dist/src/main.js), webhook mode, PostgreSQL, round-robin proxy; load ${hook.load}`);
    console.log(`  ${f(hook.people)} people × one attempt: ${f(hook.taps)} taps, ${f(hook.updatesPerSecond, 0)} updates/s, processing p50 ${f(hook.p50)} ms, p99 ${f(hook.p99)} ms`);
    console.log(`  updates forwarded ${f(hook.forwarded)} (${f(hook.redelivered)} taps delivered twice), not answered 200: ${hook.failed}`);
    for (const [check, result] of Object.entries(hook.checks)) console.log(`    ${check.padEnd(44)} ${result}`);
    console.log(`  bot peak RSS (VmHWM): after the quiz traffic ${hook.botAfterTrafficMb.join(' MB, ')} MB; after /bxh /bxhxa /bxhhuyen /thongke and the web pages ${hook.botPeakMb.join(' MB, ')} MB (target ≤ 200 MB)`);
    for (const m of hook.botMemory) {
      console.log(`  a bot at the end, MB: RSS ${m.rss} (peak ${m.peak}) = anonymous ${m.rssAnon} + mapped files ${m.rssFile}, of which given back but not yet reclaimed (LazyFree) ${m.lazyFree}; V8 heap ${m.heapTotal} (used ${m.heapUsed}: ${Object.entries(m.spaces).map(([k, v]) => `${k} ${v}`).join(', ')}), outside it ${m.external} (array buffers ${m.arrayBuffers}); ${m.threads} threads`);
    }
  } finally {
    await postgres.drop();
    province.remove();
  }
}

async function benchWorkerPart(nodeArgs: string[]): Promise<void> {
  const worker = await benchWorker({ recipients: n('recipients'), perSecond: n('worker-rate'), sendSeconds: n('send-seconds'), nodeArgs });
  console.log(`\n  ROLE=worker (node ${nodeArgs.join(" ")}${nodeArgs.length ? " " : ""}dist/src/main.js), PostgreSQL, one slot to ${f(worker.recipients)} people, limit ${n('worker-rate')}/s; load ${worker.load}`);
  console.log(`  fanned out (every recipient a queued delivery and a send job) ${f(worker.fanOutSeconds)} s after start; measured until ${f(worker.seconds)} s: ${f(worker.sent)} sent (${f(worker.perSecond, 0)}/s)`);
  console.log(`  worker peak RSS: VmHWM ${worker.peakMb} MB, largest 100 ms sample ${worker.sampledMaxMb} MB, ${f(worker.sampledMaxAt)} s after start (target < 200 MB)`);
}

function printDatabases(participants: number, s: DatabaseNumbers, p: DatabaseNumbers): void {
  const ms = (v: [number, number]) => `p50 ${f(v[0], 2)} / p95 ${f(v[1], 2)} ms`;
  const rows: [string, string, string, string][] = [
    ['answers/s through services + storage', f(s.answersPerSecond, 0), f(p.answersPerSecond, 0), '—'],
    ['floor: single-row insert transactions/s', f(s.floorPerSecond, 0), f(p.floorPerSecond, 0), '—'],
    ['ratio answers / floor', f(s.ratio, 3), f(p.ratio, 3), 'PostgreSQL ≥ 0.3'],
    [`top 10 individuals (${f(participants)})`, ms(s.top10), ms(p.top10), 'p95 < 20 ms'],
    ['commune board (18 communes)', ms(s.communes), ms(p.communes), 'p95 < 20 ms'],
    ['parent-level board (2 districts)', ms(s.parents), ms(p.parents), 'p95 < 20 ms'],
  ];
  console.log(`\n  | ${f(s.answers)} answers each | SQLite | PostgreSQL | target |\n  |---|---:|---:|---|`);
  for (const r of rows) console.log(`  | ${r.join(' | ')} |`);
}

if (process.argv[1]?.endsWith('scale.ts')) await benchScale();
