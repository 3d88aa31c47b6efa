import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Env } from '../config/env.ts';
import type { Role } from '../config/role.ts';
import type { Campaign, Unit } from '../core/types.ts';
import type { Services } from '../services/index.ts';
import { channelRate, reminderSettings, type ReminderSettings } from '../core/reminder-slots.ts';
import type { ChatChannel } from '../contract/channel.ts';
import type { ReminderQueue } from '../services/index.ts';
import type { ReminderDeps } from './deps.ts';
import { fanOut } from './fanout.ts';
import { CONTROL_QUEUE, sendQueueName, type FanoutJob, type SendJob, type SweepJob } from './queues.ts';
import { checkRedisSettings, ensureSchedulers } from './schedulers.ts';
import { processSend, settleGivenUp } from './send.ts';
import { enqueueFanout, sweep } from './sweep.ts';

export interface ReminderQueueOptions {
  redisUrl: string;
  /** BullMQ key prefix; one campaign per prefix. */
  prefix: string;
  /** A worker blocks on Redis and retries forever; a bot-only process fails fast so that commands answer. */
  worker: boolean;
  /** Channels the worker sends through (what officials' figures count). */
  channels: readonly string[];
  log: Logger;
}

/** The Redis side of reminders: one connection, the control queue, and the kick officials' confirmations use. */
export interface ReminderQueueHandle extends ReminderQueue {
  readonly redis: Redis;
  readonly prefix: string;
  readonly control: Queue<SweepJob | FanoutJob>;
  readonly log: Logger;
  /** True while Redis does not answer. */
  readonly down: boolean;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

/** Connects to Redis (never waiting for it: when it is down the bot keeps serving and the worker catches up later). */
export function createReminderQueue(opts: ReminderQueueOptions): ReminderQueueHandle {
  const log = opts.log.child({ module: 'reminders' });
  // Workers block on Redis and must retry forever (BullMQ requires maxRetriesPerRequest: null); a bot-only
  // process fails fast instead, so an official's command answers even while Redis is down.
  const redis = new Redis(opts.redisUrl, opts.worker ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 1 });
  let down = false;
  redis.on('error', (err) => {
    if (!down) log.warn({ err: err.message }, 'Redis unreachable; quizzes go on, reminders wait');
    down = true;
  });
  redis.on('ready', () => {
    if (down) log.info('Redis reachable again; catching up');
    down = false;
  });
  const control = new Queue<SweepJob | FanoutJob>(CONTROL_QUEUE, { connection: redis, prefix: opts.prefix });
  control.on('error', () => undefined); // logged once via the connection
  return {
    redis,
    prefix: opts.prefix,
    control,
    log,
    channels: opts.channels,
    get down() {
      return down;
    },
    kick: async (campaignId, runId) => {
      const added = enqueueFanout({ control }, { campaignId, runId }).then(() => true, () => false);
      return Promise.race([added, sleep(3000).then(() => false)]);
    },
    close: async () => {
      await Promise.race([control.close(), sleep(5000)]);
      redis.disconnect();
    },
  };
}

export interface StartRemindersOptions {
  role?: Role;
  /** The process's queue connection (made before the app, so that officials' commands can kick runs); made here when absent. */
  queue?: ReminderQueueHandle;
  redisUrl?: string;
  prefix?: string;
  now?: () => number;
  /** Send jobs in flight per worker process and channel. */
  concurrency?: number;
  /** Job lock; a worker that dies holds its jobs this long before another takes them over. */
  lockDurationMs?: number;
  /** Upsert job schedulers (real-time cron). Tests that drive the clock turn this off. */
  schedulers?: boolean;
  /** Sweep on every (re)connection to Redis. */
  autoSweep?: boolean;
  pageSize?: number;
  settings?: ReminderSettings;
  log?: Logger;
}

export interface Reminders {
  deps: ReminderDeps | undefined;
  queue: ReminderQueueHandle;
  /** Runs a sweep now (tests drive the clock with it). */
  sweep(opts?: { recover?: boolean }): Promise<{ started: string[] }>;
  ready(): Promise<void>;
  /** Graceful: in-flight sends finish and are recorded, then connections close. */
  close(): Promise<void>;
}

/**
 * Starts the reminder side of a process. "worker"/"all": workers for the control queue and one send queue per
 * channel, job schedulers (under a lock), a sweep on every (re)connection. "bot": only what officials' commands need
 * to start a run. Never waits for Redis: when Redis is down the bot keeps serving and the worker catches up later.
 */
/** What the reminder side of a process is built from. */
export interface RemindersApp {
  env: Env;
  campaign: Campaign;
  units: readonly Unit[];
  services: Services;
  now: () => number;
  log: Logger;
}

export function startReminders(app: RemindersApp, channels: readonly ChatChannel[], opts: StartRemindersOptions = {}): Reminders {
  const role = opts.role ?? app.env.ROLE;
  const worker = role !== 'bot';
  const ownQueue = !opts.queue;
  const queue =
    opts.queue ??
    createReminderQueue({ redisUrl: opts.redisUrl ?? app.env.REDIS_URL, prefix: opts.prefix ?? app.env.BULLMQ_PREFIX, worker, channels: channels.map((c) => c.name), log: opts.log ?? app.log });
  const { redis, prefix, control, log } = queue;
  const settings = opts.settings ?? reminderSettings(app.campaign);
  const connection = { connection: redis, prefix };
  const sendQueues = new Map(channels.map((c) => [c.name, new Queue<SendJob>(sendQueueName(c.name), connection)]));
  for (const q of sendQueues.values()) q.on('error', () => undefined); // logged once via the connection
  const now = opts.now ?? app.now;
  const d: ReminderDeps = {
    delivery: app.services.reminderDelivery.forWorker({ channels: channels.map((c) => c.name), settings, now }),
    rounds: app.services.rounds,
    campaign: app.campaign,
    settings,
    units: app.units,
    channels: new Map(channels.map((c) => [c.name, c])),
    now,
    log,
    redis,
    prefix,
    control,
    sendQueues,
    pageSize: opts.pageSize ?? 500,
  };
  const workers: Worker[] = [];
  if (worker) {
    const lockDuration = opts.lockDurationMs ?? app.env.REMINDERS_LOCK_MS;
    const common = { ...connection, lockDuration, stalledInterval: lockDuration, maxStalledCount: 2 };
    workers.push(
      new Worker<SweepJob | FanoutJob>(
        CONTROL_QUEUE,
        (job: Job<SweepJob | FanoutJob>) => (job.name === 'fanout' ? fanOut(d, job.data as FanoutJob, job.attemptsStarted > 1) : sweep(d, job.data as SweepJob)),
        { ...common, concurrency: 2 },
      ),
    );
    for (const c of channels) {
      const rate = channelRate(settings, c.name);
      // Smooth limiter: `burst` jobs per burst/perSecond window (1 per 40 ms at 25/s), never 25 at once.
      const limiter = { max: rate.burst, duration: Math.ceil((rate.burst * 1000) / rate.perSecond) };
      const w = new Worker<SendJob>(sendQueueName(c.name), (job, token) => processSend(d, job, token), { ...common, concurrency: opts.concurrency ?? app.env.REMINDERS_CONCURRENCY, limiter });
      w.on('failed', (job, err) => void settleGivenUp(d, job, err).catch((e: unknown) => log.error({ err: e }, 'could not settle a failed send')));
      workers.push(w);
    }
    for (const w of workers) w.on('error', () => undefined); // connection errors: logged once via the connection
  }
  let chain: Promise<unknown> = Promise.resolve();
  let checked = false;
  const onConnected = () => {
    chain = chain.then(async () => {
      if (!checked) await checkRedisSettings(redis, log);
      checked = true;
      if (opts.schedulers !== false) await ensureSchedulers(d);
      if (opts.autoSweep !== false) await sweep(d, { recover: true });
    }).catch((err: unknown) => log.error({ err }, 'reminder catch-up failed; the next sweep retries'));
  };
  if (worker) {
    redis.on('ready', onConnected);
    // A queue made before this (the bot's, for officials' commands) may be connected already.
    if (redis.status === 'ready') onConnected();
  }
  let closed = false;
  return {
    deps: d,
    queue,
    sweep: (o) => sweep(d, o),
    ready: async () => {
      await Promise.all([control.waitUntilReady(), ...workers.map((w) => w.waitUntilReady())]);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      redis.off('ready', onConnected);
      // With Redis down there is nothing in flight to wait for, and a graceful close would wait for Redis.
      const graceful = queue.down ? Promise.resolve() : Promise.all(workers.map((w) => w.close()));
      if ((await Promise.race([graceful.then(() => true), sleep(10_000).then(() => false)])) === false || queue.down) {
        if (!queue.down) log.warn('reminder workers did not stop within 10 s; forcing (unconfirmed sends become "unknown", never resent)');
        await Promise.race([Promise.all(workers.map((w) => w.close(true))), sleep(2000)]);
      }
      await Promise.race([chain, sleep(2000)]);
      await Promise.race([Promise.all([...sendQueues.values()].map((q) => q.close())), sleep(5000)]);
      if (ownQueue) await queue.close();
    },
  };
}
