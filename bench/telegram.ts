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
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pino from 'pino';
import { Telegraf } from 'telegraf';
import { createApp, type App } from '../src/app.ts';
import { startTelegram } from '../src/channels/telegram/index.ts';
import { envSchema } from '../src/config/env.ts';
import { createHttpServer } from '../src/http/server.ts';
import { insertParticipant } from '../src/storage/repos/participants.ts';
import type { RunRequest, RunStats } from './support/telegram-users.ts';

export interface TelegramBenchOptions {
  users?: number;
  /** Taps per person for the bare bot (the quiz run taps through one whole attempt: 10 questions). */
  bareTaps?: number;
}

type Child = ChildProcess & { request<T>(msg: object, reply: string): Promise<T> };

function startUsers(): Child {
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

async function quizRun(child: Child, userIds: number[]): Promise<RunStats> {
  const { url, token } = await child.request<{ url: string; token: string }>({ type: 'start' }, 'ready');
  const dir = mkdtempSync(join(tmpdir(), 'cds-bench-tg-'));
  const env = envSchema.parse({
    DATABASE_URL: join(dir, 'bench.sqlite'),
    DEMO: 'off',
    LOG_LEVEL: 'silent',
    TELEGRAM_BOT_TOKEN: token,
    TELEGRAM_API_ROOT: url,
    CONTEST_CLOSES_AT: new Date(Date.now() + 10 * 86_400_000).toISOString(),
  });
  const log = pino({ level: 'silent' });
  const app = await createApp(env, { log });
  await seedPeople(app, userIds);
  const telegram = await startTelegram(app, { http: createHttpServer({ port: 0, log }) });
  const stats = await child.request<RunStats>({ type: 'go', mode: 'quiz', userIds, taps: 10 } satisfies RunRequest, 'done');
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
  const stats = await child.request<RunStats>({ type: 'go', mode: 'bare', userIds, taps } satisfies RunRequest, 'done');
  bot.stop('bench done');
  await running;
  await child.request({ type: 'close' }, 'closed');
  return stats;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (v: number) => `${v.toFixed(1)} ms`;

function report(name: string, s: RunStats): number {
  const rate = s.taps / (s.windowMs / 1000);
  console.log(
    `  ${name.padEnd(22)} ${String(s.taps).padStart(6)} taps  ${rate.toFixed(0).padStart(6)} updates/s   ` +
      `processing p50 ${ms(pct(s.processing, 50))} p99 ${ms(pct(s.processing, 99))}   end-to-end p50 ${ms(pct(s.endToEnd, 50))} p99 ${ms(pct(s.endToEnd, 99))}`,
  );
  return rate;
}

export async function benchTelegram(options: TelegramBenchOptions = {}): Promise<void> {
  const users = options.users ?? 1000;
  const userIds = Array.from({ length: users }, (_, i) => 700_000_000 + i);
  const child = startUsers();
  try {
    console.log(`Telegram pipeline: ${users} concurrent people tapping through a quiz (fake Bot API in a child process)`);
    const quiz = await quizRun(child, userIds);
    const bare = await bareRun(child, userIds, options.bareTaps ?? 10);
    const quizRate = report('quiz bot (telegraf)', quiz);
    const bareRate = report('bare telegraf echo', bare);
    console.log(`  ratio quiz/bare: ${(quizRate / bareRate).toFixed(2)}   (targets: ≥ 1,000 updates/s, processing p99 < 50 ms, ratio ≥ 0.5)`);
    console.log('  processing = getUpdates hands the tap to the bot → the bot\'s next message arrives; end-to-end adds the wait in the update queue');
  } finally {
    child.send({ type: 'exit' });
    await once(child, 'exit');
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchTelegram();
