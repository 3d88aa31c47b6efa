import { rankUnits } from '../core/ranking.ts';
import { reachEstimates } from '../core/reminder-reach.ts';
import { channelRate } from '../core/reminder-slots.ts';
import { audienceOf, type ReminderDeps } from './deps.ts';
import { sendJobId, type FanoutJob, type SendJob } from './queues.ts';
import type { RunContext } from './render.ts';
import type { RunRow } from '../services/reminder-delivery.ts';

/** Communes' participation ranks at fan-out time (one query set per run, not per message). */
export async function buildRunContext(d: Pick<ReminderDeps, 'delivery'>): Promise<RunContext> {
  const ranked = rankUnits(await d.delivery.communeBoard());
  const communeRanks: RunContext['communeRanks'] = {};
  // A commune nobody from has taken part yet has no rank to tell.
  for (const { rank, entry } of ranked) if (rank !== null) communeRanks[entry.code] = [rank, ranked.length];
  return { communeRanks };
}

/**
 * A round's winners, frozen when its announcement fans out so that every participant is told the same list: ids and
 * prizes only (names are read at send time: someone who deletes their data meanwhile is not named).
 */
export async function buildResultsContext(d: Pick<ReminderDeps, 'rounds'>, roundId: string): Promise<RunContext> {
  await d.rounds.freezeRanks(roundId);
  const r = await d.rounds.results(roundId);
  const winners = (r?.winners ?? []).map((w) => ({ participantId: w.participantId, prize: w.prize }));
  return { communeRanks: {}, results: { participants: r?.participants ?? 0, winners } };
}

/** Says in the log, per channel, when the run's audience cannot all be sent to before its window ends. */
async function warnIfUnreachable(d: ReminderDeps, run: RunRow, now: number): Promise<void> {
  if (run.valid_until === null) return;
  const counts = await d.delivery.countAudienceByChannel(audienceOf(d, run, [...d.channels.keys()]));
  for (const e of reachEstimates(counts, d.settings, run.valid_until - now)) {
    if (e.fits) continue;
    const minutes = (ms: number) => Math.round(ms / 60_000);
    d.log.warn(
      { campaignId: run.campaign_id, runId: run.run_id, channel: e.channel, people: e.people, perSecond: e.perSecond, neededMinutes: minutes(e.neededMs), windowMinutes: minutes(e.windowMs) },
      'reminder run cannot reach its audience within its window at the channel rate: whoever is left when it ends is skipped (spread the audience with reminders.spread, or raise valid_for_minutes)',
    );
  }
}

async function enqueueSends(d: ReminderDeps, campaignId: string, runId: string, people: readonly { id: number; channel: string }[]): Promise<void> {
  const byChannel = new Map<string, SendJob[]>();
  for (const p of people) byChannel.set(p.channel, [...(byChannel.get(p.channel) ?? []), { campaignId, runId, participantId: p.id }]);
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
 * Fans a run out to per-recipient send jobs, page by page: each page is recorded as queued delivery rows and the
 * run's cursor in one transaction, then its jobs are added. A re-run (worker died, Redis lost the jobs) resumes at the
 * cursor and re-adds the jobs of every unsettled row; ids are deterministic and claims decide, so nobody gets two.
 */
export async function fanOut(d: ReminderDeps, job: FanoutJob, rerun: boolean): Promise<string> {
  const { campaignId, runId } = job;
  let run = await d.delivery.getRun(campaignId, runId);
  if (!run || !['requested', 'fanning_out', 'fanned_out'].includes(run.status)) return run?.status ?? 'missing';
  const now = d.now();
  if (run.valid_until !== null && now >= run.valid_until) {
    await d.delivery.expireDeliveries(campaignId, runId, 'stale', now);
    await d.delivery.updateRun(campaignId, runId, run.status === 'requested' ? { status: 'skipped', skip_reason: 'stale', updated_at: now } : { status: 'done', updated_at: now });
    return 'expired';
  }
  if (run.status === 'requested') {
    await warnIfUnreachable(d, run, now);
    const context = run.kind === 'results' && run.round_id ? await buildResultsContext(d, run.round_id) : await buildRunContext(d);
    await d.delivery.updateRun(campaignId, runId, { status: 'fanning_out', context_json: JSON.stringify(context), updated_at: now }, ['requested']);
    run = (await d.delivery.getRun(campaignId, runId))!;
  }
  if (run.status === 'fanning_out') {
    const spec = audienceOf(d, run, [...d.channels.keys()]);
    for (let cursor = run.cursor; ; ) {
      const page = await d.delivery.audiencePage(spec, cursor, d.pageSize);
      if (page.length === 0) break;
      await d.delivery.queuePage(campaignId, runId, page, d.now());
      await enqueueSends(d, campaignId, runId, page);
      cursor = page[page.length - 1]!.id;
    }
    await d.delivery.updateRun(campaignId, runId, { status: 'fanned_out', updated_at: d.now() }, ['fanning_out']);
  }
  if (rerun || job.recover) {
    let pending = 0;
    for (let after = 0; ; ) {
      const rows = await d.delivery.unsettledPage(campaignId, runId, after, d.pageSize);
      if (rows.length === 0) break;
      pending += rows.length;
      await enqueueSends(d, campaignId, runId, rows.map((r) => ({ id: r.participant_id, channel: r.channel })));
      after = rows[rows.length - 1]!.participant_id;
    }
    // An announcement has no window to close it: once nothing is unsettled it is done.
    if (pending === 0 && (run.kind === 'announcement' || run.kind === 'results')) await d.delivery.updateRun(campaignId, runId, { status: 'done', updated_at: d.now() }, ['fanned_out']);
  }
  return 'fanned_out';
}
