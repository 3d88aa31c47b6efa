/**
 * `npm run bench -- flags` (issue 25, "Measured"): the integrity flags computed over 300,000 participants on SQLite and
 * PostgreSQL (target < 10 s), and the review (what /kiemtra and the dashboard's review page read) p95 (target
 * < 100 ms). Seeding as the scale bench (bench/scale/seed.ts: one finished attempt per person), plus each attempt's
 * ten questions and answers with their shown and answered times; a few planted cases: machine-speed attempts,
 * twins with the same wrong answers, three people on one phone. `-- flags --participants 20000` for a smaller run.
 * Needs PostgreSQL at 127.0.0.1:5432 (BENCH_PG_URL).
 */
import { join } from 'node:path';
import { sql } from 'kysely';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createApp, type App } from '../src/app.ts';
import { envSchema } from '../src/config/env.ts';
import { seededRandom } from '../src/core/random.ts';
import { keepMissingFigures } from '../src/services/integrity.ts';
import { BENCH_NOW } from './scale/database.ts';
import { benchEnv, freshPostgres, makeProvince, type Province } from './scale/fixture.ts';
import { seedParticipants } from './scale/seed.ts';
import { percentile } from './util.ts';

const ROWS_PER_INSERT = 1000;
const PER_TRANSACTION = 20_000;

interface FlagNumbers {
  seedSeconds: number;
  /** Measuring the pace of every seeded attempt (finished "before the upgrade": none kept yet). */
  catchUpSeconds: number;
  refreshSeconds: number[];
  flags: number;
  flaggedPeople: number;
  review: [number, number];
}

/** Each seeded attempt's ten answers: honest paces 4–24 s; every 1,000th a machine (0.5 s); pairs of twins. */
async function seedAnswers(app: App, count: number): Promise<void> {
  const versions = [...app.deps.versionIds.values()];
  const communes = app.units.filter((u) => u.kind === 'commune').length;
  for (let from = 1; from <= count; from += PER_TRANSACTION) {
    const to = Math.min(count, from + PER_TRANSACTION - 1);
    await app.db.transaction().execute(async (tx) => {
      for (let a = from; a <= to; a += ROWS_PER_INSERT / 10) {
        const qs: { attempt_id: number; position: number; question_version_id: number; option_order: string; shown_at: number }[] = [];
        const as: { attempt_id: number; position: number; chosen_index: number; is_correct: number; answered_at: number }[] = [];
        for (let id = a; id <= Math.min(to, a + ROWS_PER_INSERT / 10 - 1); id++) {
          const started = 1_688_500_000_000 + id * 1000;
          const machine = id % 1000 === 7;
          // A twin and the person `communes` ids later (same commune): the same questions, the same three wrong.
          const twin = id % 5000 === 11 || id % 5000 === 11 + communes;
          let shown = started;
          // A draw of ten distinct questions from the bank, as the quiz makes (seeded by the person).
          const random = seededRandom(id);
          const drawn = new Set<number>();
          while (drawn.size < 10) drawn.add(versions[Math.floor(random() * versions.length)]!);
          const draw = [...drawn];
          for (let p = 0; p < 10; p++) {
            const version = twin ? versions[p]! : draw[p]!;
            const pace = machine ? 500 : twin ? 6000 + p * 100 : 4000 + Math.floor(random() * 20_000);
            const wrong = twin ? p >= 7 : random() < 0.3;
            qs.push({ attempt_id: id, position: p, question_version_id: version, option_order: '0,1,2,3', shown_at: shown });
            as.push({ attempt_id: id, position: p, chosen_index: wrong ? 1 : 0, is_correct: wrong ? 0 : 1, answered_at: shown + pace });
            shown += pace + 300;
          }
        }
        await tx.insertInto('attempt_questions').values(qs).execute();
        await tx.insertInto('answers').values(as).execute();
      }
    });
  }
  // Three people on one phone, every 10,000 people.
  for (let id = 100; id + 2 <= count; id += 10_000) {
    await app.db.updateTable('participants').set({ phone: `0977${String(id).padStart(6, '0')}` }).where('id', 'in', [id, id + 1, id + 2]).execute();
  }
}

async function benchOne(province: Province, url: string, participants: number): Promise<FlagNumbers> {
  const env = envSchema.parse(benchEnv(province, url));
  const app = await createApp(env, { now: () => BENCH_NOW, random: seededRandom(1), log: pino({ level: 'silent' }) });
  try {
    const units = (kind: string) => app.units.filter((u) => u.kind === kind).map((u) => u.code);
    const t0 = performance.now();
    await seedParticipants(app.db, { count: participants, communes: units('commune'), agencies: units('agency'), opensAt: app.campaign.opensAt, rounds: ['tuan-1', 'tuan-2', 'tuan-3'] });
    await seedAnswers(app, participants);
    const seedSeconds = (performance.now() - t0) / 1000;
    // The quiz keeps each attempt's figures as it finishes, registration each name's key; the seeded rows were
    // written "before the upgrade".
    const t1 = performance.now();
    const kept = await keepMissingFigures(app.deps);
    const catchUpSeconds = (performance.now() - t1) / 1000;
    // The statistics a running database's auto-analyze would have gathered by then (PostgreSQL plans by them).
    await sql`analyze`.execute(app.db);
    console.log(`  figures of ${kept.attempts.toLocaleString('en')} attempts and keys of ${kept.names.toLocaleString('en')} names written before they were kept, in ${catchUpSeconds.toFixed(1)} s`);
    const refreshSeconds: number[] = [];
    let flags = 0;
    for (let i = 0; i < 2; i++) {
      const t = performance.now();
      flags = await app.services.integrity.refresh();
      refreshSeconds.push((performance.now() - t) / 1000);
    }
    const kinds = await app.db.selectFrom('integrity_flags').select((eb) => ['kind', eb.fn.countAll<number>().as('n')]).groupBy('kind').execute();
    console.log(`  flags by kind: ${kinds.map((k) => `${k.kind} ${String(k.n)}`).join(', ')}`);
    const times: number[] = [];
    let flaggedPeople = 0;
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      flaggedPeople = (await app.services.integrity.review()).people.length;
      times.push(performance.now() - t);
    }
    return { seedSeconds, catchUpSeconds, refreshSeconds, flags, flaggedPeople, review: [percentile(times, 50), percentile(times, 95)] };
  } finally {
    await app.close();
  }
}

export async function benchFlags(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(3), options: { participants: { type: 'string', default: '300000' } } });
  const participants = Number(values.participants);
  console.log(`\n## integrity flags (issue 25): ${participants.toLocaleString('en')} participants, one finished attempt of ten answers each`);
  const province = makeProvince();
  const postgres = await freshPostgres('flags');
  try {
    const s = await benchOne(province, join(province.dir, 'flags.sqlite'), participants);
    console.log(`  SQLite seeded in ${s.seedSeconds.toFixed(1)} s`);
    const p = await benchOne(province, postgres.url, participants);
    console.log(`  PostgreSQL seeded in ${p.seedSeconds.toFixed(1)} s`);
    const f = (x: number, d = 1) => x.toLocaleString('en', { maximumFractionDigits: d });
    console.log('\n  | | SQLite | PostgreSQL | target |\n  |---|---:|---:|---|');
    console.log(`  | flags computed and stored (first, second run), s | ${s.refreshSeconds.map((x) => f(x, 2)).join(', ')} | ${p.refreshSeconds.map((x) => f(x, 2)).join(', ')} | < 10 s |`);
    console.log(`  | once after the upgrade: figures of the attempts and names written before they were kept, s | ${f(s.catchUpSeconds, 2)} | ${f(p.catchUpSeconds, 2)} | — |`);
    console.log(`  | flags / flagged people | ${s.flags} / ${s.flaggedPeople} | ${p.flags} / ${p.flaggedPeople} | — |`);
    console.log(`  | review (/kiemtra, dashboard page) p50 / p95, ms | ${f(s.review[0])} / ${f(s.review[1])} | ${f(p.review[0])} / ${f(p.review[1])} | p95 < 100 ms |`);
  } finally {
    await postgres.drop();
    province.remove();
  }
}
