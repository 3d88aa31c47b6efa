import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { inTransaction, type DB } from '../db.ts';
import type { Database, DeliveryStatus, RunStatus } from '../schema.ts';
import { unitMemberIds } from './unit-members.ts';

export type RunRow = Selectable<Database['reminder_runs']>;
export type DeliveryRow = Selectable<Database['reminder_deliveries']>;
export type Audience = 'start' | 'improve' | 'all' | 'results';

export interface DeliveryKey {
  campaignId: string;
  runId: string;
  participantId: number;
}

/**
 * A reminder's audience in one round: who has not finished an attempt, and who can still improve; an announcement's:
 * everyone; a round's results': everyone with a finished attempt in it.
 */
export interface AudienceSpec {
  kind: 'reminder' | 'announcement' | 'results';
  roundId: string | null;
  attemptsPerRound: number;
  channels: readonly string[];
  /** Unit code (commune or agency): a unit official reaches only their unit's people. */
  scope: string | null;
  /** A spread slot's part (reminders.spread): only people of these communes; null or absent: no restriction. */
  communes?: readonly string[] | null;
}

/** Inserts a run unless it exists; true when this call created it. */
export async function insertRun(db: DB, row: Insertable<Database['reminder_runs']>): Promise<boolean> {
  const r = await db.insertInto('reminder_runs').values(row).onConflict((oc) => oc.columns(['campaign_id', 'run_id']).doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function getRun(db: DB, campaignId: string, runId: string): Promise<RunRow | undefined> {
  return db.selectFrom('reminder_runs').selectAll().where('campaign_id', '=', campaignId).where('run_id', '=', runId).executeTakeFirst();
}

export async function listRuns(db: DB, campaignId: string): Promise<RunRow[]> {
  return db.selectFrom('reminder_runs').selectAll().where('campaign_id', '=', campaignId).orderBy('fire_at').orderBy('run_id').execute();
}

export async function runsWithStatus(db: DB, campaignId: string, statuses: readonly RunStatus[]): Promise<RunRow[]> {
  return db.selectFrom('reminder_runs').selectAll().where('campaign_id', '=', campaignId).where('status', 'in', statuses).orderBy('fire_at').execute();
}

/** Updates a run, only from one of `from` when given (a compare-and-set); true when a row changed. */
export async function updateRun(db: DB, campaignId: string, runId: string, changes: Updateable<Database['reminder_runs']>, from?: readonly RunStatus[]): Promise<boolean> {
  let q = db.updateTable('reminder_runs').set(changes).where('campaign_id', '=', campaignId).where('run_id', '=', runId);
  if (from) q = q.where('status', 'in', from);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

function recipientsQuery(db: DB, spec: AudienceSpec) {
  const roundId = spec.roundId ?? '';
  let q = db
    .selectFrom('participants as p')
    // A person's chat account on a channel this deployment sends to (a web-only person has none and gets nothing).
    .innerJoin('accounts as ac', (j) => j.onRef('ac.participant_id', '=', 'p.id').on('ac.channel', 'in', spec.channels.length ? [...spec.channels] : ['-']).on('ac.unreachable', '=', 0))
    .leftJoin('best_results as b', (j) => j.onRef('b.participant_id', '=', 'p.id').on('b.round_id', '=', roundId))
    .leftJoin('attempts as ba', 'ba.id', 'b.attempt_id')
    .select([
      'p.id',
      'ac.channel',
      'ac.chat_id as chatId',
      'p.full_name as fullName',
      'p.commune_code as communeCode',
      'b.score as bestScore',
      'ba.question_count as questionCount',
      sql<number>`(select count(*) from attempts a where a.participant_id = p.id and a.round_id = ${roundId} and a.finished_at is not null)`.as('finished'),
    ])
    .where('p.registered_at', 'is not', null)
    .where('p.deleted_at', 'is', null)
    .orderBy('p.id');
  if (spec.scope) q = q.where('p.id', 'in', unitMemberIds(db, spec.scope));
  if (spec.communes) q = q.where('p.commune_code', 'in', spec.communes.length ? [...spec.communes] : ['-']);
  // Results are sent by the bot, not by an official: /tatnhacnho turns them off like reminders.
  if (spec.kind === 'results') q = q.where('p.reminders_off', '=', 0).where('b.participant_id', 'is not', null);
  if (spec.kind === 'reminder') {
    q = q.where('p.reminders_off', '=', 0).where((eb) =>
      eb.or([
        eb('b.participant_id', 'is', null),
        eb.and([
          eb('b.score', '<', eb.ref('ba.question_count')),
          eb(sql`(select count(*) from attempts a2 where a2.participant_id = p.id and a2.round_id = ${roundId} and a2.finished_at is not null)`, '<', spec.attemptsPerRound),
        ]),
      ]),
    );
  }
  return q;
}

function toRecipient(spec: AudienceSpec, r: { id: number; channel: string; chatId: string; fullName: string | null; communeCode: string | null; bestScore: number | null; questionCount: number | null; finished: number }) {
  const audience: Audience = spec.kind === 'announcement' ? 'all' : spec.kind === 'results' ? 'results' : r.bestScore === null ? 'start' : 'improve';
  return { ...r, audience, bestScore: r.bestScore === null ? null : Number(r.bestScore), questionCount: r.questionCount === null ? null : Number(r.questionCount), finished: Number(r.finished) };
}

/**
 * One page of a run's audience, by participant id after `afterId`. Never: opted out (reminders only), deleted,
 * unreachable, unregistered, or on a channel this deployment cannot send to.
 */
export async function audiencePage(db: DB, spec: AudienceSpec, afterId: number, limit: number) {
  const rows = await recipientsQuery(db, spec).where('p.id', '>', afterId).limit(limit).execute();
  return rows.map((r) => toRecipient(spec, r));
}

/** The same audience test for one person at send time: undefined when they no longer belong to it. */
export async function recipientNow(db: DB, spec: AudienceSpec, participantId: number) {
  const r = await recipientsQuery(db, spec).where('p.id', '=', participantId).executeTakeFirst();
  return r ? toRecipient(spec, r) : undefined;
}

export async function countAudience(db: DB, spec: AudienceSpec): Promise<number> {
  const { n } = await db.selectFrom(recipientsQuery(db, spec).clearOrderBy().as('x')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

/** The audience per channel (what each channel's rate must carry within the slot's window). */
export async function countAudienceByChannel(db: DB, spec: AudienceSpec): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom(recipientsQuery(db, spec).clearOrderBy().as('x'))
    .select((eb) => ['x.channel', eb.fn.countAll<number>().as('n')])
    .groupBy('x.channel')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.channel, Number(r.n)]));
}

/** Records a page of recipients as queued (once each: on conflict do nothing) and moves the run's cursor, atomically. */
export async function queuePage(db: DB, campaignId: string, runId: string, page: readonly { id: number; channel: string; audience: string }[], at: number): Promise<number> {
  if (page.length === 0) return 0;
  return inTransaction(db, async (tx) => {
    const r = await tx
      .insertInto('reminder_deliveries')
      .values(page.map((p) => ({ campaign_id: campaignId, run_id: runId, participant_id: p.id, channel: p.channel, audience: p.audience, status: 'queued' as const, updated_at: at })))
      .onConflict((oc) => oc.columns(['campaign_id', 'run_id', 'participant_id']).doNothing())
      .executeTakeFirst();
    const inserted = Number(r.numInsertedOrUpdatedRows ?? 0);
    await tx
      .updateTable('reminder_runs')
      .set((eb) => ({ cursor: page[page.length - 1]!.id, targeted: eb('targeted', '+', inserted), updated_at: at }))
      .where('campaign_id', '=', campaignId)
      .where('run_id', '=', runId)
      .execute();
    return inserted;
  });
}

/** Rows not yet settled (queued, retry, or claimed by a worker that may have died), for re-enqueueing after a loss. */
export async function unsettledPage(db: DB, campaignId: string, runId: string, afterId: number, limit: number): Promise<Pick<DeliveryRow, 'participant_id' | 'channel'>[]> {
  return db
    .selectFrom('reminder_deliveries')
    .select(['participant_id', 'channel'])
    .where('campaign_id', '=', campaignId)
    .where('run_id', '=', runId)
    .where('status', 'in', ['queued', 'retry', 'sending'])
    .where('participant_id', '>', afterId)
    .orderBy('participant_id')
    .limit(limit)
    .execute();
}

function byKey(db: DB, k: DeliveryKey) {
  return db.updateTable('reminder_deliveries').where('campaign_id', '=', k.campaignId).where('run_id', '=', k.runId).where('participant_id', '=', k.participantId);
}

export async function getDelivery(db: DB, k: DeliveryKey): Promise<DeliveryRow | undefined> {
  return db
    .selectFrom('reminder_deliveries')
    .selectAll()
    .where('campaign_id', '=', k.campaignId)
    .where('run_id', '=', k.runId)
    .where('participant_id', '=', k.participantId)
    .executeTakeFirst();
}

/** The claim: only one caller moves a row from queued/retry to sending (with its own token). True when this call won. */
export async function claimDelivery(db: DB, k: DeliveryKey, token: string, at: number): Promise<boolean> {
  const r = await byKey(db, k)
    .set((eb) => ({ status: 'sending' as const, claim_token: token, tries: eb('tries', '+', 1), updated_at: at }))
    .where('status', 'in', ['queued', 'retry'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Records the outcome of the holder's send. Keyed by token, so a late confirmation still wins over "unknown". */
export async function settleClaim(db: DB, k: DeliveryKey, token: string, status: DeliveryStatus, error: string | null, at: number): Promise<void> {
  await byKey(db, k).set({ status, error, updated_at: at }).where('claim_token', '=', token).execute();
}

/** Moves a row from one of `from` to `status`; true when it changed. */
export async function settleFrom(db: DB, k: DeliveryKey, from: readonly DeliveryStatus[], status: DeliveryStatus, error: string | null, at: number): Promise<boolean> {
  const r = await byKey(db, k).set({ status, error, updated_at: at }).where('status', 'in', from).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** A run's window has passed: what never went out is skipped; what was claimed but never confirmed is unknown. */
export async function expireDeliveries(db: DB, campaignId: string, runId: string, reason: string, at: number): Promise<void> {
  const base = () => db.updateTable('reminder_deliveries').where('campaign_id', '=', campaignId).where('run_id', '=', runId);
  await base().set({ status: 'skipped', error: reason, updated_at: at }).where('status', 'in', ['queued', 'retry']).execute();
  await base().set({ status: 'unknown', updated_at: at }).where('status', '=', 'sending').execute();
}

/** Deliveries of every run of a campaign (to one unit's people, when given), counted by status. */
export async function deliveryCounts(db: DB, campaignId: string, unitCode?: string): Promise<Map<string, Partial<Record<DeliveryStatus, number>>>> {
  let q = db
    .selectFrom('reminder_deliveries as d')
    .select((eb) => ['d.run_id', 'd.status', eb.fn.countAll<number>().as('n')])
    .where('d.campaign_id', '=', campaignId);
  if (unitCode) q = q.where('d.participant_id', 'in', unitMemberIds(db, unitCode));
  const rows = await q.groupBy(['d.run_id', 'd.status']).execute();
  const out = new Map<string, Partial<Record<DeliveryStatus, number>>>();
  for (const r of rows) {
    const m = out.get(r.run_id) ?? {};
    m[r.status] = Number(r.n);
    out.set(r.run_id, m);
  }
  return out;
}

