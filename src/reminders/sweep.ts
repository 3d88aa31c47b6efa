import type { ReminderDeps } from './deps.ts';
import { fanoutJobId, type FanoutJob } from './queues.ts';

/**
 * The periodic catch-up, run on every schedule tick, at start and after Redis reconnects: the delivery service
 * records missed slots, settles expired runs and starts the current slot's; every run still in progress gets a
 * fan-out job (deterministic id: re-adding an existing one is a no-op).
 */
export async function sweep(d: ReminderDeps, opts: { recover?: boolean } = {}): Promise<{ started: string[] }> {
  const { started, toFanOut } = await d.delivery.sweep(opts);
  for (const runId of toFanOut) await enqueueFanout(d, { campaignId: d.campaign.id, runId, ...(opts.recover ? { recover: true } : {}) });
  return { started };
}

export async function enqueueFanout(d: Pick<ReminderDeps, 'control'>, job: FanoutJob): Promise<void> {
  await d.control.add('fanout', job, { jobId: fanoutJobId(job.campaignId, job.runId), attempts: 10, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: 1000 });
}
