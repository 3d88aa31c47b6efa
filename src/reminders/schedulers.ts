import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { minutesOf, slotTimesOfDay } from '../core/reminder-slots.ts';
import type { ReminderDeps } from './deps.ts';
import { slotSchedulerId, SWEEP_SCHEDULER } from './queues.ts';

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Runs `fn` only when this process holds the named Redis lock; others return false at once. */
export async function withRedisLock(redis: Redis, key: string, ttlMs: number, fn: () => Promise<void>): Promise<boolean> {
  const me = randomUUID();
  if ((await redis.set(key, me, 'PX', ttlMs, 'NX')) !== 'OK') return false;
  try {
    await fn();
  } finally {
    await redis.eval(RELEASE, 1, key, me);
  }
  return true;
}

/** The job schedulers the campaign calls for: one cron per time of day (in the campaign's zone) plus a catch-up sweep. */
export function wantedSchedulers(d: Pick<ReminderDeps, 'campaign' | 'settings'>, now: number): Map<string, { pattern?: string; every?: number; tz?: string; startDate?: number; endDate: number }> {
  const c = d.campaign;
  const wanted = new Map<string, { pattern?: string; every?: number; tz?: string; startDate?: number; endDate: number }>();
  // Announcing round results needs the sweep even when reminders are off.
  if ((!d.settings.enabled && !c.results?.announce) || c.closesAt <= now) return wanted;
  const start = c.opensAt > now ? { startDate: c.opensAt } : {};
  for (const t of d.settings.enabled ? slotTimesOfDay(d.settings) : []) {
    const m = minutesOf(t);
    wanted.set(slotSchedulerId(t), { pattern: `${m % 60} ${Math.floor(m / 60)} * * *`, tz: c.timezone, ...start, endDate: c.closesAt });
  }
  // Between ticks, the sweep picks up runs requested while Redis was unreachable and settles expired ones.
  wanted.set(SWEEP_SCHEDULER, { every: 5 * 60_000, ...start, endDate: c.closesAt + 86_400_000 });
  return wanted;
}

/**
 * Upserts the schedulers under a lock so only one process does it at a time (concurrent upserts race in BullMQ),
 * and removes schedulers the campaign no longer has. Returns false when another process holds the lock.
 */
export async function ensureSchedulers(d: ReminderDeps): Promise<boolean> {
  return withRedisLock(d.redis, `${d.prefix}:reminders:scheduler-lock`, 30_000, async () => {
    const wanted = wantedSchedulers(d, Date.now());
    for (const s of await d.control.getJobSchedulers(0, -1)) {
      const id = s.id ?? s.key;
      if (!wanted.has(id)) await d.control.removeJobScheduler(id);
    }
    for (const [id, repeat] of wanted) {
      await d.control.upsertJobScheduler(id, repeat, { name: 'sweep', data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } });
    }
    d.log.info({ schedulers: [...wanted.keys()] }, 'reminder schedulers upserted');
  });
}

/** Production checks at start: BullMQ loses jobs when Redis evicts keys. */
export async function checkRedisSettings(redis: Redis, log: Logger): Promise<void> {
  try {
    const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as string[];
    if (policy !== 'noeviction') log.warn({ policy }, 'Redis maxmemory-policy should be noeviction: with eviction Redis may drop queued reminders');
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'could not read Redis maxmemory-policy (CONFIG disabled?); make sure it is noeviction');
  }
}
