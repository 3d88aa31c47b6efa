/**
 * Queue names, job payloads and deterministic job ids. Jobs hold ids, never message text: workers re-read the database.
 * BullMQ job ids may not contain ':' — run ids and campaign ids use only [a-z0-9-].
 */

/** Sweeps (schedule ticks, catch-up) and fan-outs. */
export const CONTROL_QUEUE = 'reminders';

/** One send queue per channel, so that each has its own rate limit and a 429 pauses only that channel. */
export function sendQueueName(channel: string): string {
  return `reminders-send-${channel}`;
}

export interface SweepJob {
  /** Also re-enqueue unsettled deliveries (after a start or a Redis reconnect: Redis may have lost them). */
  recover?: boolean;
}

export interface FanoutJob {
  campaignId: string;
  runId: string;
  recover?: boolean;
}

export interface SendJob {
  campaignId: string;
  runId: string;
  participantId: number;
}

export const fanoutJobId = (campaignId: string, runId: string) => `fanout-${campaignId}-${runId}`;
export const sendJobId = (j: SendJob) => `send-${j.campaignId}-${j.runId}-${j.participantId}`;
export const SWEEP_SCHEDULER = 'sweep';
export const slotSchedulerId = (time: string) => `slot-${time.replace(':', '')}`;
