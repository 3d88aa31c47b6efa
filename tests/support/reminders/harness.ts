import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import type { ReminderQueue } from '../../../src/services/index.ts';
import { createApp, type App } from '../../../src/app.ts';
import { seededRandom } from '../../../src/core/random.ts';
import { testEnv } from '../../helpers/app.ts';
import { testDatabaseUrl } from '../../helpers/db.ts';
import { addMissingAccounts } from '../../../src/storage/repos/accounts.ts';
import { startOrResume, answerQuestion } from '../../../src/services/quiz.ts';
import { CONTROL_QUEUE, sendQueueName } from '../../../src/reminders/queues.ts';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The shipped 2023 format moved to 2030: opens 3/7/2030 00:00, closes 31/7/2030 00:00 (+07:00). */
export const CLOSES_AT = '2030-07-31T00:00:00+07:00';
export const at = (local: string) => Date.parse(`${local}+07:00`);

export class Clock {
  constructor(public t: number) {}
  now = () => this.t;
  set(ms: number) {
    this.t = ms;
  }
}

/** The shipped campaign moved to 2030, on the test Redis: what every reminder test app runs with. */
export function reminderEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { CONTEST_CLOSES_AT: CLOSES_AT, REDIS_URL, ...extra };
}

export async function testApp(dir: string, clock: Clock, extra: Record<string, string> = {}, reminderQueue?: ReminderQueue): Promise<App> {
  return createApp(testEnv(dir, { DATABASE_URL: testDatabaseUrl(dir, 'db.sqlite'), ...reminderEnv(extra) }), { now: clock.now, log: pino({ level: 'silent' }), random: seededRandom(42), ...(reminderQueue ? { reminderQueue } : {}) });
}

const COMMUNES = ['08143', '08146', '08149'];

/** Registered participants, inserted directly (fast enough for the 20,000-person bench). */
export async function addPeople(app: App, n: number, opts: { channel?: string; from?: number; commune?: string } = {}): Promise<number[]> {
  const communes = (await app.db.selectFrom('units').select('code').where('kind', '=', 'commune').execute()).map((u) => u.code);
  const from = opts.from ?? 0;
  const rows = Array.from({ length: n }, (_, i) => {
    const k = from + i;
    return {
      channel: opts.channel ?? 'telegram',
      external_id: `u${k}`,
      chat_id: `c${k}`,
      full_name: `Người Thử ${k}`,
      commune_code: opts.commune ?? communes[k % communes.length] ?? COMMUNES[0]!,
      consent_at: 0,
      registered_at: 0,
      step: 'ready',
      invite_code: `inv${k}-${randomUUID().slice(0, 8)}`,
      created_at: 0,
    };
  });
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const got = await app.db.insertInto('participants').values(rows.slice(i, i + 500)).returning('id').execute();
    ids.push(...got.map((r) => r.id));
  }
  await addMissingAccounts(app.db);
  return ids;
}

/** Plays one attempt in the open round, answering `correct` questions right. */
export async function playAttempt(app: App, participantId: number, correct: number): Promise<void> {
  const first = await startOrResume(app.deps, participantId);
  if (first.kind !== 'question') throw new Error(`cannot start: ${first.kind}`);
  let item = first.item;
  for (let i = 0; ; i++) {
    const choice = i < correct ? item.correctShown : (item.correctShown + 1) % item.shownOptions.length;
    const r = await answerQuestion(app.deps, participantId, choice, { attemptId: first.attempt.id, position: item.position });
    if (r.kind === 'finished') return;
    if (r.kind !== 'next') throw new Error(`unexpected ${r.kind}`);
    item = r.item;
  }
}

export { waitFor } from '../../helpers/wait.ts';
export { tempDir } from '../../helpers/app.ts';

export const testPrefix = () => `test-${randomUUID()}`;

/** Obliterates a test prefix's queues and removes its other keys (per-chat gates, lock). */
export async function cleanupPrefix(prefix: string, channels: string[] = ['telegram', 'zalo'], url = REDIS_URL): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    for (const name of [CONTROL_QUEUE, ...channels.map(sendQueueName)]) {
      const q = new Queue(name, { connection: redis, prefix });
      await q.obliterate({ force: true });
      await q.close();
    }
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Deliveries of a run by status. */
export async function statuses(app: App, runId: string): Promise<Record<string, number>> {
  const rows = await app.db.selectFrom('reminder_deliveries').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('run_id', '=', runId).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export async function unsettled(app: App): Promise<number> {
  const r = await app.db.selectFrom('reminder_deliveries').select((eb) => eb.fn.countAll<number>().as('n')).where('status', 'in', ['queued', 'retry', 'sending']).executeTakeFirstOrThrow();
  return Number(r.n);
}
