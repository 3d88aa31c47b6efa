import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ReminderSettings } from '../core/reminder-slots.ts';
import type { Campaign, Unit } from '../core/types.ts';
import type { ChatChannel } from '../contract/channel.ts';
import type { ReminderWork } from '../services/reminder-delivery.ts';
import type { RoundsService } from '../services/rounds.ts';
import type { FanoutJob, SendJob, SweepJob } from './queues.ts';

/** Everything the reminder jobs need; built once by startReminders, passed to each job function. */
export interface ReminderDeps {
  /** The worker's use cases: sweeps, fan-outs, claimed and recorded sends. */
  delivery: ReminderWork;
  /** Round results: each recipient's rank and the winners' names, read at send time. */
  rounds: RoundsService;
  campaign: Campaign;
  settings: ReminderSettings;
  units: readonly Unit[];
  channels: ReadonlyMap<string, ChatChannel>;
  now: () => number;
  log: Logger;
  /** Shared connection: per-chat spacing keys and the scheduler lock. */
  redis: Redis;
  prefix: string;
  control: Queue<SweepJob | FanoutJob>;
  sendQueues: ReadonlyMap<string, Queue<SendJob>>;
  /** Recipients per fan-out page (one DB transaction and one addBulk each). */
  pageSize: number;
}
