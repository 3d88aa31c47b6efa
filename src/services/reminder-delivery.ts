import { randomUUID } from 'node:crypto';
import { rankUnits } from '../core/ranking.ts';
import { reachEstimates, slotCommunes, type ReachEstimate } from '../core/reminder-reach.ts';
import { currentSlot, holdReason, listSlots, type ReminderSettings } from '../core/reminder-slots.ts';
import { unitResults } from '../storage/repos/leaderboards.ts';
import {
  audiencePage,
  claimDelivery,
  countAudienceByChannel,
  expireDeliveries,
  getDelivery,
  getRun,
  insertRun,
  listRuns,
  queuePage,
  recipientNow,
  runsWithStatus,
  settleClaim,
  settleFrom,
  unsettledPage,
  updateRun,
  type AudienceSpec,
  type RunRow,
} from '../storage/repos/reminders.ts';
import { markUnreachableOn } from '../storage/repos/accounts.ts';
import type { ServiceDeps } from './deps.ts';
import type { RunKind, RunStatus } from './reminders.ts';
import { createRoundsService } from './rounds.ts';

/** What a run freezes when it fans out, so that every message of the run tells the same story. */
export interface RunContext {
  /** commune code → [rank, number of communes] by participants */
  communeRanks: Record<string, [number, number]>;
  /** A results announcement: the round's winners (ids and prizes; names are read at send time) and how many took part. */
  results?: { participants: number; winners: { participantId: number; prize: string }[] };
}

/** A run as the worker sends it (it does not change once fanned out). */
export interface ReminderRun {
  campaignId: string;
  runId: string;
  kind: RunKind;
  status: RunStatus;
  fireAt: number;
  /** After this instant nothing of the run is sent; null for announcements and results (no window). */
  validUntil: number | null;
  roundId: string | null;
  /** An announcement's text, sent unchanged. */
  text: string | null;
  /** A unit official's announcement: that unit's people only. */
  scope: string | null;
  context: RunContext;
}

/** Why a person gets a run's message: to start the round, to improve their best, an announcement, a round's results. */
export type Audience = 'start' | 'improve' | 'all' | 'results';

/** A person a run speaks to, as they stand when the message is sent. */
export interface Recipient {
  id: number;
  channel: string;
  chatId: string;
  fullName: string | null;
  communeCode: string | null;
  audience: Audience;
  /** Best score in the run's round, and out of how many questions (null before a finished attempt). */
  bestScore: number | null;
  questionCount: number | null;
  /** Attempts finished in the run's round. */
  finished: number;
}

/** Someone a run's message is queued for, and the channel that reaches them (one send job each). */
export interface Addressee {
  participantId: number;
  channel: string;
}

export interface RunKey {
  campaignId: string;
  runId: string;
}

export type DeliveryKey = RunKey & { participantId: number };

/** A fan-out's start: nothing to do (the run is missing, or done with), its window passed, or its audience to page. */
export type FanOutStart = { kind: 'inactive'; status: string } | { kind: 'expired' } | { kind: 'ready'; run: ReminderRun; unreachable: ReachEstimate[] };

/**
 * A send's start: the person's delivery was settled already or by this call (the outcome, for the job's result), the
 * run is not fanned out yet (released for a retry), or claimed for this worker (`token`) with what to send to whom.
 */
export type SendStart = { kind: 'settled'; outcome: string } | { kind: 'not_ready' } | { kind: 'send'; token: string; run: ReminderRun; person: Recipient };

/** How a claimed send ended: sent, or not (retry it later, skipped, failed; `unreachable`: the chat blocked the bot). */
export type SendResult = { status: 'sent' } | { status: 'retry' | 'skipped' | 'failed'; error: string | null; unreachable?: boolean };

/** A worker's channels and rate settings (the campaign's `reminders:` unless a test overrides them), and its clock. */
export interface WorkerSetup {
  channels: readonly string[];
  settings: ReminderSettings;
  now?: () => number;
}

/**
 * The reminders worker's use cases: the sweep that records and starts runs, a run's fan-out into per-person
 * deliveries page by page, and each send claimed before it and recorded after it — one delivery row per person and
 * run, which is what makes a message go out at most once whichever worker or sweep runs.
 */
export interface ReminderWork {
  /**
   * The periodic catch-up. Idempotent: slots whose window passed without a run are recorded as missed, runs whose
   * window closed are settled, the current slot gets its run, rounds whose results became final get their
   * announcement. Returns the runs this call created and every run that needs a fan-out job (`recover`: also those
   * fanned out already, whose send jobs Redis may have lost).
   */
  sweep(opts?: { recover?: boolean }): Promise<{ started: string[]; toFanOut: string[] }>;
  /**
   * Starts (or resumes) a run's fan-out: a requested run freezes its context (communes' ranks, a round's winners) and
   * moves to fanning out; a run whose window passed is settled instead. `unreachable`: the channels whose share of the
   * audience cannot all be sent to within the window at their rate (told once, when the run starts).
   */
  beginFanOut(run: RunKey): Promise<FanOutStart>;
  /**
   * Records the next `limit` people of a fanning-out run's audience as queued deliveries and moves its cursor, in one
   * transaction; returns them (to add their send jobs). Empty once the audience is done: the run is then fanned out.
   */
  queueNextPage(run: RunKey, limit: number): Promise<Addressee[]>;
  /** Deliveries not settled yet (queued, to retry, or claimed by a worker that may have died), by participant id. */
  unsettled(run: RunKey, afterId: number, limit: number): Promise<Addressee[]>;
  /** An announcement or a round's results has no window to close it: done once no delivery is left unsettled. */
  closeIfSettled(run: RunKey): Promise<void>;
  /**
   * Claims one person's delivery (queued or to retry → sending, this worker's token): a delivery found "sending" was
   * claimed by a worker that died before confirming, so it becomes "unknown" and is never resent. Then re-checks the
   * run's window and quiet hours, and whether the person still belongs to the audience (opted out, finished meanwhile):
   * a skip is recorded here.
   */
  beginSend(delivery: DeliveryKey): Promise<SendStart>;
  /** Records how the claimed send ended (keyed by the claim's token, so a late confirmation still wins over "unknown"). */
  recordSend(delivery: DeliveryKey, token: string, result: SendResult): Promise<void>;
  /** The job was given up on (no more attempts): whatever is not settled becomes failed, a claimed one unknown. */
  giveUp(delivery: DeliveryKey, error: string): Promise<void>;
}

export interface ReminderDelivery {
  /** The use cases of a worker with these channels and settings. */
  forWorker(setup: WorkerSetup): ReminderWork;
}

const ACTIVE: readonly RunStatus[] = ['requested', 'fanning_out', 'fanned_out'];

function toRun(r: RunRow): ReminderRun {
  return {
    campaignId: r.campaign_id,
    runId: r.run_id,
    kind: r.kind,
    status: r.status,
    fireAt: r.fire_at,
    validUntil: r.valid_until,
    roundId: r.round_id,
    text: r.text,
    scope: r.scope,
    context: r.context_json ? (JSON.parse(r.context_json) as RunContext) : { communeRanks: {} },
  };
}

export function createReminderDelivery(deps: ServiceDeps): ReminderDelivery {
  return { forWorker: (setup) => reminderWork({ ...deps, now: setup.now ?? deps.now }, setup) };
}

function reminderWork(deps: ServiceDeps, setup: WorkerSetup): ReminderWork {
  const { db, campaign: c } = deps;
  const { settings } = setup;
  const rounds = createRoundsService(deps);
  // A run does not change once fanned out: each worker process reads it once (a cache, not state).
  const runs = new Map<string, ReminderRun>();

  /**
   * Who a run speaks to: reminders go to the current round's audience (a scheduled slot of a spread campaign: its part
   * of the units only), announcements to every reachable person, a round's results to its participants.
   */
  const audienceOf = (run: Pick<RunRow, 'kind' | 'round_id' | 'scope' | 'run_id'>): AudienceSpec => ({
    kind: run.kind === 'announcement' ? 'announcement' : run.kind === 'results' ? 'results' : 'reminder',
    roundId: run.round_id,
    attemptsPerRound: c.attemptsPerRound,
    channels: setup.channels,
    scope: run.scope,
    communes: run.kind === 'slot' ? slotCommunes(c, settings, deps.units, run.run_id) : null,
  });

  /** A run whose window passed: what never went out is skipped, what was claimed is unknown; the run ends. */
  async function expire(run: RunRow, now: number): Promise<void> {
    await expireDeliveries(db, run.campaign_id, run.run_id, 'stale', now);
    await updateRun(db, run.campaign_id, run.run_id, run.status === 'requested' ? { status: 'skipped', skip_reason: 'stale', updated_at: now } : { status: 'done', updated_at: now });
  }

  /** Communes' participation ranks, or a round's winners (frozen: every participant is told the same list). */
  async function contextOf(run: RunRow): Promise<RunContext> {
    if (run.kind === 'results' && run.round_id) {
      await rounds.freezeRanks(run.round_id);
      const r = await rounds.results(run.round_id);
      const winners = (r?.winners ?? []).map((w) => ({ participantId: w.participantId, prize: w.prize }));
      return { communeRanks: {}, results: { participants: r?.participants ?? 0, winners } };
    }
    const ranked = rankUnits(await unitResults(db, 'commune'));
    const communeRanks: RunContext['communeRanks'] = {};
    // A commune nobody from has taken part yet has no rank to tell.
    for (const { rank, entry } of ranked) if (rank !== null) communeRanks[entry.code] = [rank, ranked.length];
    return { communeRanks };
  }

  async function fannedOutRun(k: RunKey): Promise<ReminderRun | undefined> {
    const key = `${k.campaignId}/${k.runId}`;
    const hit = runs.get(key);
    if (hit) return hit;
    const row = await getRun(db, k.campaignId, k.runId);
    if (!row || row.status === 'requested') return undefined;
    if (runs.size > 200) runs.clear();
    const run = toRun(row);
    runs.set(key, run);
    return run;
  }

  const addressees = (rows: readonly { participant_id: number; channel: string }[]): Addressee[] => rows.map((r) => ({ participantId: r.participant_id, channel: r.channel }));

  return {
    async sweep(opts = {}) {
      const now = deps.now();
      const slots = listSlots(c, settings);
      const known = new Set((await listRuns(db, c.id)).map((r) => r.run_id));
      for (const s of slots.filter((x) => x.validUntil <= now && !known.has(x.id))) {
        await insertRun(db, { campaign_id: c.id, run_id: s.id, kind: 'slot', status: 'skipped', skip_reason: 'missed', fire_at: s.fireAt, valid_until: s.validUntil, round_id: s.roundId, created_at: now, updated_at: now });
      }
      for (const run of await runsWithStatus(db, c.id, ACTIVE)) if (run.valid_until !== null && run.valid_until <= now) await expire(run, now);
      const started: string[] = [];
      const slot = currentSlot(slots, now);
      if (slot) {
        const created = await insertRun(db, { campaign_id: c.id, run_id: slot.id, kind: 'slot', status: 'requested', fire_at: slot.fireAt, valid_until: slot.validUntil, round_id: slot.roundId, created_at: now, updated_at: now });
        if (created) started.push(slot.id);
      }
      // A round whose results became final: its announcement run, created once (the database decides which sweep does).
      started.push(...(await rounds.claimAnnouncements()));
      const active = await runsWithStatus(db, c.id, opts.recover ? ACTIVE : ['requested', 'fanning_out']);
      return { started, toFanOut: active.map((r) => r.run_id) };
    },

    async beginFanOut(k) {
      let row = await getRun(db, k.campaignId, k.runId);
      if (!row || !ACTIVE.includes(row.status)) return { kind: 'inactive', status: row?.status ?? 'missing' };
      const now = deps.now();
      if (row.valid_until !== null && now >= row.valid_until) {
        await expire(row, now);
        return { kind: 'expired' };
      }
      let unreachable: ReachEstimate[] = [];
      if (row.status === 'requested') {
        if (row.valid_until !== null) unreachable = reachEstimates(await countAudienceByChannel(db, audienceOf(row)), settings, row.valid_until - now).filter((e) => !e.fits);
        const context = await contextOf(row);
        await updateRun(db, k.campaignId, k.runId, { status: 'fanning_out', context_json: JSON.stringify(context), updated_at: now }, ['requested']);
        row = (await getRun(db, k.campaignId, k.runId))!;
      }
      return { kind: 'ready', run: toRun(row), unreachable };
    },

    async queueNextPage(k, limit) {
      const run = await getRun(db, k.campaignId, k.runId);
      if (run?.status !== 'fanning_out') return [];
      const page = await audiencePage(db, audienceOf(run), run.cursor, limit);
      if (page.length === 0) {
        await updateRun(db, k.campaignId, k.runId, { status: 'fanned_out', updated_at: deps.now() }, ['fanning_out']);
        return [];
      }
      await queuePage(db, k.campaignId, k.runId, page, deps.now());
      return page.map((p) => ({ participantId: p.id, channel: p.channel }));
    },

    unsettled: async (k, afterId, limit) => addressees(await unsettledPage(db, k.campaignId, k.runId, afterId, limit)),

    async closeIfSettled(k) {
      const run = await getRun(db, k.campaignId, k.runId);
      if (!run || (run.kind !== 'announcement' && run.kind !== 'results')) return;
      if ((await unsettledPage(db, k.campaignId, k.runId, 0, 1)).length > 0) return;
      await updateRun(db, k.campaignId, k.runId, { status: 'done', updated_at: deps.now() }, ['fanned_out']);
    },

    async beginSend(k) {
      const token = randomUUID();
      const now = deps.now();
      if (!(await claimDelivery(db, k, token, now))) {
        const row = await getDelivery(db, k);
        if (row?.status !== 'sending') return { kind: 'settled', outcome: row?.status ?? 'no-row' };
        await settleFrom(db, k, ['sending'], 'unknown', 'worker stopped before confirming', now);
        return { kind: 'settled', outcome: 'unknown' };
      }
      const skip = async (reason: string): Promise<SendStart> => {
        await settleClaim(db, k, token, 'skipped', reason, deps.now());
        return { kind: 'settled', outcome: `skipped:${reason}` };
      };
      const run = await fannedOutRun(k);
      if (!run) {
        await settleClaim(db, k, token, 'retry', null, deps.now());
        return { kind: 'not_ready' };
      }
      if (run.kind === 'slot' || run.kind === 'manual') {
        const hold = holdReason(c, settings, { validUntil: run.validUntil ?? 0 }, now);
        if (hold) return skip(hold);
      }
      const person = await recipientNow(db, audienceOf({ kind: run.kind, round_id: run.roundId, scope: run.scope, run_id: run.runId }), k.participantId);
      if (!person) return skip('not_targeted');
      return { kind: 'send', token, run, person };
    },

    async recordSend(k, token, result) {
      await settleClaim(db, k, token, result.status, result.status === 'sent' ? null : result.error, deps.now());
      if (result.status !== 'sent' && result.unreachable) {
        const row = await getDelivery(db, k);
        if (row) await markUnreachableOn(db, k.participantId, row.channel);
      }
    },

    async giveUp(k, error) {
      await settleFrom(db, k, ['queued', 'retry'], 'failed', error, deps.now());
      await settleFrom(db, k, ['sending'], 'unknown', error, deps.now());
    },
  };
}
