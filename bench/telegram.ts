/**
 * Telegram pipeline benchmark (issue 4): 1,000 people tapping through a running quiz at once, through the whole
 * telegraf pipeline (long polling → update claim → conversation → SQLite → answerCallbackQuery + edit + next question)
 * to the fake Bot API server; then, through the same fake, a bare telegraf bot that answers each tap with one
 * message (the ceiling). The fake and the simulated people run in a child process (their own core).
 * Run alone with `npx tsx bench/telegram.ts`; `npm run bench` calls benchTelegram().
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pino from 'pino';
import { Telegraf } from 'telegraf';
import { channelContext, createApp, type App } from '../src/app.ts';
import { startTelegram } from '../src/channels/telegram/start.ts';
import { envSchema } from '../src/config/env.ts';
import { createHttpServer } from '../src/http/server.ts';
import { insertParticipant } from '../src/storage/repos/participants.ts';
import type { RunRequest, RunStats } from './support/telegram-users.ts';

export interface TelegramBenchOptions {
  users?: number;
  /** Taps per person for the bare bot (the quiz run taps through one whole attempt: 10 questions). */
  bareTaps?: number;
  /** Thinking time between taps for the paced run (default 1–3 s). */
  thinkMs?: [number, number];
  /** Only the saturated quiz run (to compare changes quickly: `npm run bench -- telegram saturated`). */
  saturatedOnly?: boolean;
}

type Child = ChildProcess & { request<T>(msg: object, reply: string): Promise<T> };

function startUsers(): Child {
  // BENCH_CHILD_PROF=<dir> writes a CPU profile of the fake + simulated people (to check they are not the bottleneck).
  const child = fork(fileURLToPath(new URL('./support/telegram-users.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx', ...(process.env.BENCH_CHILD_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CHILD_PROF}`] : [])] }) as Child;
  child.request = async <T>(msg: object, reply: string) => {
    const answer = new Promise<T>((resolve) => {
      const on = (m: { type: string }) => {
        if (m.type !== reply) return;
        child.off('message', on);
        resolve(m as T);
      };
      child.on('message', on);
    });
    child.send(msg);
    return answer;
  };
  return child;
}

/** Registered participants, ready for /thi (registration itself is not what is measured). */
async function seedPeople(app: App, userIds: number[]): Promise<void> {
  const communes = app.deps.units.filter((u) => u.kind === 'commune');
  const now = Date.now();
  for (const [i, id] of userIds.entries()) {
    await insertParticipant(app.db, {
      channel: 'telegram',
      external_id: String(id),
      chat_id: String(id),
      display_name: null,
      full_name: `Người thi ${i + 1}`,
      phone: null,
      commune_code: communes[i % communes.length]!.code,
      agency_code: null,
      consent_at: now,
      registered_at: now,
      step: 'ready',
      step_data: null,
      invite_code: `bench${id}`,
      invited_by: null,
      joined_via_unit: null,
      deleted_at: null,
      overall_finished_at: null,
      created_at: now,
    });
  }
}

async function quizRun(child: Child, userIds: number[], thinkMs?: [number, number]): Promise<RunStats> {
  const { url, token } = await child.request<{ url: string; token: string }>({ type: 'start' }, 'ready');
  const dir = mkdtempSync(join(tmpdir(), 'cds-bench-tg-'));
  const env = envSchema.parse({
    DATABASE_URL: join(dir, 'bench.sqlite'),
    DEMO: 'off',
    LOG_LEVEL: 'silent',
    TELEGRAM_BOT_TOKEN: token,
    IDENTITY_HASH_KEY: 'bench-identity-hash-key-0123456789abcdef',
    TELEGRAM_API_ROOT: url,
    CONTEST_CLOSES_AT: new Date(Date.now() + 10 * 86_400_000).toISOString(),
  });
  const log = pino({ level: 'silent' });
  const app = await createApp(env, { log });
  await seedPeople(app, userIds);
  const telegram = await startTelegram(channelContext(app), { http: createHttpServer({ port: 0, log }) });
  const cpu = process.cpuUsage();
  const stats = await child.request<RunStats>({ type: 'go', mode: 'quiz', userIds, taps: 10, ...(thinkMs ? { thinkMs } : {}) } satisfies RunRequest, 'done');
  stats.botCpuMs = cpuMs(process.cpuUsage(cpu));
  await telegram.stop();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  await child.request({ type: 'close' }, 'closed');
  return stats;
}

async function bareRun(child: Child, userIds: number[], taps: number): Promise<RunStats> {
  const { url, token } = await child.request<{ url: string; token: string }>({ type: 'start' }, 'ready');
  const bot = new Telegraf(token, { telegram: { apiRoot: url } });
  bot.on('callback_query', (ctx) => ctx.reply('ok'));
  const running = bot.launch();
  const cpu = process.cpuUsage();
  const stats = await child.request<RunStats>({ type: 'go', mode: 'bare', userIds, taps } satisfies RunRequest, 'done');
  stats.botCpuMs = cpuMs(process.cpuUsage(cpu));
  bot.stop('bench done');
  await running;
  await child.request({ type: 'close' }, 'closed');
  return stats;
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (v: number) => `${v.toFixed(1)} ms`;

function report(name: string, s: RunStats): number {
  const rate = s.taps / (s.windowMs / 1000);
  console.log(
    `  ${name.padEnd(26)} ${String(s.taps).padStart(6)} taps  ${rate.toFixed(0).padStart(6)} updates/s   ` +
      `processing p50 ${ms(pct(s.processing, 50))} p99 ${ms(pct(s.processing, 99))}   end-to-end p50 ${ms(pct(s.endToEnd, 50))} p99 ${ms(pct(s.endToEnd, 99))}   ` +
      `bot CPU ${((s.botCpuMs ?? 0) / s.taps).toFixed(2)} ms/update`,
  );
  return rate;
}

export async function benchTelegram(options: TelegramBenchOptions = {}): Promise<void> {
  const users = options.users ?? 1000;
  const userIds = Array.from({ length: users }, (_, i) => 700_000_000 + i);
  const child = startUsers();
  const loadBefore = os.loadavg()[0]!.toFixed(2);
  try {
    console.log(`Telegram pipeline: ${users} concurrent people tapping through a quiz (fake Bot API in a child process)`);
    const think: [number, number] = options.thinkMs ?? [1000, 3000];
    const saturated = await quizRun(child, userIds);
    if (options.saturatedOnly) {
      report('quiz, saturated', saturated);
      return;
    }
    const paced = await quizRun(child, userIds, think);
    const bare = await bareRun(child, userIds, options.bareTaps ?? 10);
    console.log(`  load average before/after: ${loadBefore} / ${os.loadavg()[0]!.toFixed(2)} on ${os.availableParallelism()} cores (noisy neighbours move these numbers)`);
    const quizRate = report('quiz, saturated', saturated);
    report(`quiz, ${think[0] / 1000}–${think[1] / 1000} s think`, paced);
    const bareRate = report('bare telegraf, saturated', bare);
    console.log(`  ratio quiz/bare (saturated): ${(quizRate / bareRate).toFixed(2)}   (targets: ≥ 1,000 updates/s, p99 < 50 ms, ratio ≥ 0.5)`);
    console.log('  processing: getUpdates hands the tap to the bot → the bot\'s next message arrives. end-to-end: from the tap, including the wait in the update queue.');
    console.log('  a quiz tap costs 3 Bot API calls (answerCallbackQuery, editMessageText, sendMessage) and about 12 SQLite statements (the answer\'s and the inbox\'s: stored, claimed, reply recorded, finished, marked delivered, two looks for waiting work); a bare update costs 1 call.');
  } finally {
    child.send({ type: 'exit' });
    await once(child, 'exit');
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchTelegram();
