import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { slotCommunes } from '../core/reminder-reach.ts';
import type { ReminderSettings } from '../core/reminder-slots.ts';
import type { Campaign, Unit } from '../core/types.ts';
import type { ChatChannel } from '../contract/channel.ts';
import type { ReminderDelivery } from '../services/reminder-delivery.ts';
import type { RoundsService } from '../services/rounds.ts';
import type { AudienceSpec, RunRow } from '../services/reminder-delivery.ts';
import type { FanoutJob, SendJob, SweepJob } from './queues.ts';

/** Everything the reminder jobs need; built once by startReminders, passed to each job function. */
export interface ReminderDeps {
  delivery: ReminderDelivery;
  /** Round results: the announcement's claim, its winners and each recipient's rank. */
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

/**
 * Who a run speaks to: reminders go to the current round's audience (a scheduled slot of a spread campaign: its part
 * of the units only), announcements to every reachable person, a round's results to its participants.
 */
export function audienceOf(d: Pick<ReminderDeps, 'campaign' | 'settings' | 'units'>, run: Pick<RunRow, 'kind' | 'round_id' | 'scope' | 'run_id'>, channels: readonly string[]): AudienceSpec {
  return {
    kind: run.kind === 'announcement' ? 'announcement' : run.kind === 'results' ? 'results' : 'reminder',
    roundId: run.round_id,
    attemptsPerRound: d.campaign.attemptsPerRound,
    channels,
    scope: run.scope,
    communes: run.kind === 'slot' ? slotCommunes(d.campaign, d.settings, d.units, run.run_id) : null,
  };
}
