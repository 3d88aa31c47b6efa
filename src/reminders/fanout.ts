import { channelRate } from '../core/reminder-slots.ts';
import type { Addressee } from '../services/reminder-delivery.ts';
import type { ReminderDeps } from './deps.ts';
import { sendJobId, type FanoutJob, type SendJob } from './queues.ts';

async function enqueueSends(d: ReminderDeps, campaignId: string, runId: string, people: readonly Addressee[]): Promise<void> {
  const byChannel = new Map<string, SendJob[]>();
  for (const p of people) byChannel.set(p.channel, [...(byChannel.get(p.channel) ?? []), { campaignId, runId, participantId: p.participantId }]);
  for (const [channel, jobs] of byChannel) {
    const queue = d.sendQueues.get(channel);
    if (!queue) continue;
    const rate = channelRate(d.settings, channel);
    await queue.addBulk(
      jobs.map((data) => ({
        name: 'send',
        data,
        opts: { jobId: sendJobId(data), attempts: rate.maxAttempts, backoff: { type: 'exponential', delay: rate.backoffMs }, removeOnComplete: true, removeOnFail: { age: 7 * 86_400 } },
      })),
    );
  }
}

/**
 * Fans a run out to per-recipient send jobs, page by page: each page is recorded as queued deliveries and the run's
 * cursor in one transaction, then its jobs are added. A re-run (worker died, Redis lost the jobs) resumes at the
 * cursor and re-adds the jobs of every unsettled delivery; ids are deterministic and claims decide, so nobody gets two.
 */
export async function fanOut(d: ReminderDeps, job: FanoutJob, rerun: boolean): Promise<string> {
  const { campaignId, runId } = job;
  const start = await d.delivery.beginFanOut(job);
  if (start.kind === 'inactive') return start.status;
  if (start.kind === 'expired') return 'expired';
  for (const e of start.unreachable) {
    const minutes = (ms: number) => Math.round(ms / 60_000);
    d.log.warn(
      { campaignId, runId, channel: e.channel, people: e.people, perSecond: e.perSecond, neededMinutes: minutes(e.neededMs), windowMinutes: minutes(e.windowMs) },
      'reminder run cannot reach its audience within its window at the channel rate: whoever is left when it ends is skipped (spread the audience with reminders.spread, or raise valid_for_minutes)',
    );
  }
  for (;;) {
    const page = await d.delivery.queueNextPage(job, d.pageSize);
    if (page.length === 0) break;
    await enqueueSends(d, campaignId, runId, page);
  }
  if (rerun || job.recover) {
    for (let after = 0; ; ) {
      const rows = await d.delivery.unsettled(job, after, d.pageSize);
      if (rows.length === 0) break;
      await enqueueSends(d, campaignId, runId, rows);
      after = rows[rows.length - 1]!.participantId;
    }
    await d.delivery.closeIfSettled(job);
  }
  return 'fanned_out';
}
