import { randomUUID } from 'node:crypto';
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { SendError } from '../contract/channel.ts';
import { channelRate, holdReason } from '../core/reminder-slots.ts';
import type { OutMessage } from '../contract/messages.ts';
import type { DeliveryKey, Recipient, RunRow } from '../services/reminder-delivery.ts';
import { audienceOf, type ReminderDeps } from './deps.ts';
import type { SendJob } from './queues.ts';
import { renderReminder, renderRoundResults, type RunContext } from './render.ts';

const runCache = new WeakMap<ReminderDeps, Map<string, { run: RunRow; context: RunContext }>>();

/** A run does not change once fanned out: read it once per process. */
async function runInfo(d: ReminderDeps, k: DeliveryKey): Promise<{ run: RunRow; context: RunContext } | undefined> {
  let cache = runCache.get(d);
  if (!cache) runCache.set(d, (cache = new Map()));
  const key = `${k.campaignId}/${k.runId}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const run = await d.delivery.getRun(k.campaignId, k.runId);
  if (!run || run.status === 'requested') return undefined;
  const info = { run, context: (run.context_json ? JSON.parse(run.context_json) : { communeRanks: {} }) as RunContext };
  if (cache.size > 200) cache.clear();
  cache.set(key, info);
  return info;
}

function withTimeout<T>(p: Promise<T>, ms: number, channel: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SendError('transient', `no answer within ${ms} ms`, channel)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Sends one person one run's message, at most once. The claim comes first (compare-and-set queued/retry → sending):
 * a row found "sending" instead was claimed by a worker that died before confirming, so it becomes "unknown" and is
 * never resent. Then re-check the window and the person (they may have opted out or finished since fan-out), space
 * messages to one chat across all workers, send, record.
 */
export async function processSend(d: ReminderDeps, job: Job<SendJob>, token: string | undefined): Promise<string> {
  const k: DeliveryKey = { campaignId: job.data.campaignId, runId: job.data.runId, participantId: job.data.participantId };
  const claim = randomUUID();
  const now = d.now();
  if (!(await d.delivery.claimDelivery(k, claim, now))) {
    const row = await d.delivery.getDelivery(k);
    if (row?.status !== 'sending') return row?.status ?? 'no-row';
    await d.delivery.settleFrom(k, ['sending'], 'unknown', 'worker stopped before confirming', now);
    return 'unknown';
  }
  const release = (status: 'retry' | 'skipped', why: string | null) => d.delivery.settleClaim(k, claim, status, why, d.now());
  const info = await runInfo(d, k);
  if (!info) {
    await release('retry', null);
    throw new Error(`run ${k.runId} not fanned out yet`);
  }
  const { run, context } = info;
  if (run.kind === 'slot' || run.kind === 'manual') {
    const hold = holdReason(d.campaign, d.settings, { validUntil: run.valid_until ?? 0 }, now);
    if (hold) return release('skipped', hold).then(() => `skipped:${hold}`);
  }
  const person = await d.delivery.recipientNow(audienceOf(d, run, [...d.channels.keys()]), k.participantId);
  if (!person) return release('skipped', 'not_targeted').then(() => 'skipped:not_targeted');
  const channel = d.channels.get(person.channel)!;
  const rate = channelRate(d.settings, person.channel);
  if (rate.perChatMs > 0) {
    // At most one message per chat per perChatMs, whichever worker sends it.
    const gate = `${d.prefix}:reminders:chat:${person.channel}:${person.chatId}`;
    if ((await d.redis.set(gate, '1', 'PX', rate.perChatMs, 'NX')) !== 'OK') {
      await release('retry', null);
      const ttl = await d.redis.pttl(gate);
      await job.moveToDelayed(Date.now() + Math.max(ttl, 20), token);
      throw new DelayedError();
    }
  }
  const message: OutMessage =
    run.kind === 'announcement'
      ? { text: run.text ?? '' }
      : run.kind === 'results'
        ? await resultsMessage(d, person, run, context)
        : renderReminder(d.campaign, d.units, person, run.round_id, context, now);
  try {
    await withTimeout(channel.send(person.chatId, message), rate.timeoutMs, person.channel);
  } catch (err) {
    return await failed(d, job, k, claim, person.channel, err);
  } finally {
    // Restart the chat's gap from when the send ended: a send that started late must not let the next one in early.
    // Not awaited: while Redis is down the command waits in ioredis's offline queue, and the job must not.
    if (rate.perChatMs > 0) void d.redis.set(`${d.prefix}:reminders:chat:${person.channel}:${person.chatId}`, '1', 'PX', rate.perChatMs).catch(() => undefined);
  }
  await d.delivery.settleClaim(k, claim, 'sent', null, d.now());
  return 'sent';
}

async function resultsMessage(d: ReminderDeps, person: Recipient, run: RunRow, context: RunContext): Promise<OutMessage> {
  const rank = await d.rounds.frozenRankOf(run.round_id ?? '', person.id);
  const names = await d.rounds.namesOf((context.results?.winners ?? []).map((w) => w.participantId));
  return renderRoundResults(d.campaign, person, run.round_id, rank, context, names);
}

/** Maps a failed send to the row's status and BullMQ's next step. Always throws. */
async function failed(d: ReminderDeps, job: Job<SendJob>, k: DeliveryKey, claim: string, channel: string, err: unknown): Promise<never> {
  const at = d.now();
  const kind = err instanceof SendError ? err.kind : 'transient';
  const detail = `${kind}: ${(err as Error)?.message ?? String(err)}`.slice(0, 300);
  if (kind === 'rate_limited') {
    // Not delivered: back to "retry"; the whole channel's queue waits retry_after, in every worker.
    await d.delivery.settleClaim(k, claim, 'retry', detail, at);
    await d.sendQueues.get(channel)!.rateLimit(Math.max((err as SendError).retryAfterMs ?? 1000, 1));
    throw Worker.RateLimitError();
  }
  if (kind === 'unreachable') {
    await d.delivery.settleClaim(k, claim, 'failed', detail, at);
    await d.delivery.markParticipantUnreachable(k.participantId);
    throw new UnrecoverableError(detail);
  }
  if (kind === 'rejected') {
    await d.delivery.settleClaim(k, claim, 'failed', detail, at);
    throw new UnrecoverableError(detail);
  }
  const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  await d.delivery.settleClaim(k, claim, last ? 'failed' : 'retry', detail, at);
  throw err instanceof Error ? err : new Error(detail);
}

/** The worker's 'failed' boundary: a job BullMQ gave up on leaves no row in limbo. */
export async function settleGivenUp(d: ReminderDeps, job: Job<SendJob> | undefined, err: Error): Promise<void> {
  if (!job) return;
  const final = err instanceof UnrecoverableError || err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
  if (!final) return;
  const k: DeliveryKey = { campaignId: job.data.campaignId, runId: job.data.runId, participantId: job.data.participantId };
  await d.delivery.settleFrom(k, ['queued', 'retry'], 'failed', err.message.slice(0, 300), d.now());
  await d.delivery.settleFrom(k, ['sending'], 'unknown', err.message.slice(0, 300), d.now());
}
