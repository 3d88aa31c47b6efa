import { currentSlot, listSlots } from '../core/reminder-slots.ts';
import type { ReminderDeps } from './deps.ts';
import { fanoutJobId, type FanoutJob } from './queues.ts';

/**
 * The periodic catch-up, run on every schedule tick, at start and after Redis reconnects. Idempotent: slots whose
 * window passed without a run are recorded as skipped; runs whose window closed are settled; the current slot gets
 * its run; every run still in progress gets a fan-out job (deterministic id: re-adding an existing one is a no-op).
 */
export async function sweep(d: ReminderDeps, opts: { recover?: boolean } = {}): Promise<{ started: string[] }> {
  const now = d.now();
  const c = d.campaign;
  const slots = listSlots(c, d.settings);
  const known = new Set((await d.delivery.listRuns(c.id)).map((r) => r.run_id));
  for (const s of slots.filter((x) => x.validUntil <= now && !known.has(x.id))) {
    await d.delivery.insertRun({ campaign_id: c.id, run_id: s.id, kind: 'slot', status: 'skipped', skip_reason: 'missed', fire_at: s.fireAt, valid_until: s.validUntil, round_id: s.roundId, created_at: now, updated_at: now });
  }
  for (const run of await d.delivery.runsWithStatus(c.id, ['requested', 'fanning_out', 'fanned_out'])) {
    if (run.valid_until === null || run.valid_until > now) continue;
    await d.delivery.expireDeliveries(c.id, run.run_id, 'stale', now);
    await d.delivery.updateRun(c.id, run.run_id, run.status === 'requested' ? { status: 'skipped', skip_reason: 'stale', updated_at: now } : { status: 'done', updated_at: now });
  }
  const started: string[] = [];
  const slot = currentSlot(slots, now);
  if (slot) {
    const created = await d.delivery.insertRun({ campaign_id: c.id, run_id: slot.id, kind: 'slot', status: 'requested', fire_at: slot.fireAt, valid_until: slot.validUntil, round_id: slot.roundId, created_at: now, updated_at: now });
    if (created) started.push(slot.id);
  }
  // A round whose results became final: its announcement run, created once (the database decides which sweep does).
  started.push(...(await d.rounds.claimAnnouncements()));
  const active = await d.delivery.runsWithStatus(c.id, opts.recover ? ['requested', 'fanning_out', 'fanned_out'] : ['requested', 'fanning_out']);
  for (const run of active) await enqueueFanout(d, { campaignId: c.id, runId: run.run_id, ...(opts.recover ? { recover: true } : {}) });
  return { started };
}

export async function enqueueFanout(d: Pick<ReminderDeps, 'control'>, job: FanoutJob): Promise<void> {
  await d.control.add('fanout', job, { jobId: fanoutJobId(job.campaignId, job.runId), attempts: 10, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: 1000 });
}
