import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { SendError } from '../contract/channel.ts';
import { channelRate } from '../core/reminder-slots.ts';
import type { OutMessage } from '../contract/messages.ts';
import type { DeliveryKey, Recipient, ReminderRun } from '../services/reminder-delivery.ts';
import type { ReminderDeps } from './deps.ts';
import type { SendJob } from './queues.ts';
import { renderReminder, renderRoundResults } from './render.ts';

function withTimeout<T>(p: Promise<T>, ms: number, channel: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SendError('transient', `no answer within ${ms} ms`, channel)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Set for retry_after when the platform answers 429: no job of the channel starts a send until it expires. */
const pauseKey = (d: ReminderDeps, channel: string) => `${d.prefix}:reminders:paused:${channel}`;

const keyOf = (job: Job<SendJob>): DeliveryKey => ({ campaignId: job.data.campaignId, runId: job.data.runId, participantId: job.data.participantId });

/**
 * Sends one person one run's message, at most once. The delivery service claims it first (and re-checks the window
 * and the person: they may have opted out or finished since fan-out); then messages to one chat are spaced across
 * all workers, the message is worded and sent, and the outcome recorded.
 */
export async function processSend(d: ReminderDeps, job: Job<SendJob>, token: string | undefined): Promise<string> {
  const k = keyOf(job);
  const start = await d.delivery.beginSend(k);
  if (start.kind === 'settled') return start.outcome;
  if (start.kind === 'not_ready') throw new Error(`run ${k.runId} not fanned out yet`);
  const { run, person, token: claim } = start;
  const channel = d.channels.get(person.channel)!;
  const rate = channelRate(d.settings, person.channel);
  if (rate.perChatMs > 0) {
    // At most one message per chat per perChatMs, whichever worker sends it.
    const gate = `${d.prefix}:reminders:chat:${person.channel}:${person.chatId}`;
    if ((await d.redis.set(gate, '1', 'PX', rate.perChatMs, 'NX')) !== 'OK') {
      await d.delivery.recordSend(k, claim, { status: 'retry', error: null });
      const ttl = await d.redis.pttl(gate);
      await job.moveToDelayed(Date.now() + Math.max(ttl, 20), token);
      throw new DelayedError();
    }
  }
  const message: OutMessage =
    run.kind === 'announcement'
      ? { text: run.text ?? '' }
      : run.kind === 'results'
        ? await resultsMessage(d, person, run)
        : renderReminder(d.campaign, d.units, person, run.roundId, run.context, d.now());
  // A 429 met by another job while this one was being claimed pauses the whole channel: honour it here too, not only
  // when the next job is fetched.
  const paused = await d.redis.pttl(pauseKey(d, person.channel));
  if (paused > 0) {
    await d.delivery.recordSend(k, claim, { status: 'retry', error: null });
    await job.moveToDelayed(Date.now() + paused, token);
    throw new DelayedError();
  }
  try {
    await withTimeout(channel.send(person.chatId, message), rate.timeoutMs, person.channel);
  } catch (err) {
    return await failed(d, job, k, claim, person.channel, err);
  } finally {
    // Restart the chat's gap from when the send ended: a send that started late must not let the next one in early.
    // Not awaited: while Redis is down the command waits in ioredis's offline queue, and the job must not.
    if (rate.perChatMs > 0) void d.redis.set(`${d.prefix}:reminders:chat:${person.channel}:${person.chatId}`, '1', 'PX', rate.perChatMs).catch(() => undefined);
  }
  await d.delivery.recordSend(k, claim, { status: 'sent' });
  return 'sent';
}

async function resultsMessage(d: ReminderDeps, person: Recipient, run: ReminderRun): Promise<OutMessage> {
  const rank = await d.rounds.frozenRankOf(run.roundId ?? '', person.id);
  const names = await d.rounds.namesOf((run.context.results?.winners ?? []).map((w) => w.participantId));
  return renderRoundResults(d.campaign, person, run.roundId, rank, run.context, names);
}

/** Maps a failed send to the delivery's outcome and BullMQ's next step. Always throws. */
async function failed(d: ReminderDeps, job: Job<SendJob>, k: DeliveryKey, claim: string, channel: string, err: unknown): Promise<never> {
  const kind = err instanceof SendError ? err.kind : 'transient';
  const detail = `${kind}: ${(err as Error)?.message ?? String(err)}`.slice(0, 300);
  if (kind === 'rate_limited') {
    // Not delivered: the whole channel's queue waits retry_after, in every worker (paused first, so that no other job
    // starts a send meanwhile); this delivery goes back to "retry".
    const wait = Math.max((err as SendError).retryAfterMs ?? 1000, 1);
    await d.redis.set(pauseKey(d, channel), '1', 'PX', wait);
    await d.sendQueues.get(channel)!.rateLimit(wait);
    await d.delivery.recordSend(k, claim, { status: 'retry', error: detail });
    throw Worker.RateLimitError();
  }
  if (kind === 'unreachable' || kind === 'rejected') {
    // The chat blocked the bot (reminders skip it from now on), or the platform refused this message for good.
    await d.delivery.recordSend(k, claim, { status: 'failed', error: detail, unreachable: kind === 'unreachable' });
    throw new UnrecoverableError(detail);
  }
  const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  await d.delivery.recordSend(k, claim, { status: last ? 'failed' : 'retry', error: detail });
  throw err instanceof Error ? err : new Error(detail);
}

/** The worker's 'failed' boundary: a job BullMQ gave up on leaves no delivery in limbo. */
export async function settleGivenUp(d: ReminderDeps, job: Job<SendJob> | undefined, err: Error): Promise<void> {
  if (!job) return;
  const final = err instanceof UnrecoverableError || err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
  if (!final) return;
  await d.delivery.giveUp(keyOf(job), err.message.slice(0, 300));
}
