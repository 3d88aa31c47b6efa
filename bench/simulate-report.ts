/**
 * A simulated contest for the question report: `npx tsx bench/simulate-report.ts [participants] [db-file]`.
 * Creates a fresh database, registers synthetic participants, plays every round through the quiz service with a
 * seeded random, then prints `questions report` for that database.
 */
import { rmSync } from 'node:fs';
import pino from 'pino';
import { createApp } from '../src/app.ts';
import { formatReport } from '../src/cli/bank-report.ts';
import { loadEnv } from '../src/config/env.ts';
import { seededRandom } from '../src/core/random.ts';
import { simulateContest } from '../tests/helpers/simulate.ts';

const participants = Number(process.argv[2] ?? 120);
const file = process.argv[3] ?? './data/simulated.sqlite';
for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
const opens = Date.parse('2026-12-07T00:00:00+07:00');
let now = opens;
// The shipped four-week campaign, moved so that it opens on `opens` (CONTEST_CLOSES_AT shifts every round).
const env = loadEnv({ DATABASE_URL: file, CONTEST_CLOSES_AT: new Date(opens + 28 * 24 * 3600_000).toISOString(), LOG_LEVEL: 'silent' });
const app = await createApp(env, { now: () => now, random: seededRandom(2023), log: pino({ level: 'silent' }) });
const t0 = Date.now();
const done = await simulateContest(app, { participants, attemptsPerRound: 2, random: seededRandom(7), setNow: (at) => (now = at) });
console.log(`Mô phỏng / simulated: ${participants} người, ${done.attempts} lượt thi, ${done.answers} câu trả lời (${((Date.now() - t0) / 1000).toFixed(1)} s), ${file}\n`);
console.log(formatReport(app.bank, await app.services.bankReport.data()));
await app.close();
