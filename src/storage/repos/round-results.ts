import { sql } from 'kysely';
import type { DB } from '../db.ts';
import { accountKeysOf, identityHashesOf } from './accounts.ts';
import { COUNTED, excludedIds } from './leaderboards.ts';

/** A gap larger than any prediction can be: a missing prediction ranks after every given one (core: predictionGap). */
const NO_PREDICTION_GAP = 1_000_000_000;

export interface RoundRankingRow {
  participantId: number;
  /** Null once the person deleted their data (they stay ranked, anonymously). */
  name: string | null;
  deleted: boolean;
  /** The person's accounts, as "channel:account id" (none once deleted). */
  accounts: string[];
  /** A deleted person's identity hashes, one per account they had. */
  identityHashes: string[];
  communeName: string | null;
  agencyName: string | null;
  score: number;
  questionCount: number;
  durationMs: number;
  finishedAt: number;
  prediction: number | null;
}

/**
 * One page of a round's ranking, deleted people included: score ↓, then (when `actualPerfect` is given) distance of
 * the prediction ↑, duration ↑, finishing time ↑ — the order of core/ranking.ts compareIndividuals.
 */
export async function roundRankingPage(db: DB, roundId: string, actualPerfect: number | undefined, limit: number, offset: number): Promise<RoundRankingRow[]> {
  let q = db
    .selectFrom('best_results as b')
    .innerJoin('participants as p', 'p.id', 'b.participant_id')
    .innerJoin('attempts as a', 'a.id', 'b.attempt_id')
    .leftJoin('units as c', 'c.code', 'p.commune_code')
    .leftJoin('units as g', 'g.code', 'p.agency_code')
    .select([
      'p.id as participantId',
      'p.full_name as name',
      'p.deleted_at as deletedAt',
      'c.name as communeName',
      'g.name as agencyName',
      'b.score',
      'a.question_count as questionCount',
      'b.duration_ms as durationMs',
      'b.finished_at as finishedAt',
      'b.prediction',
    ])
    .where('b.round_id', '=', roundId)
    .where('p.excluded', '=', COUNTED)
    .orderBy('b.score', 'desc');
  if (actualPerfect !== undefined) q = q.orderBy(gapOf(actualPerfect));
  const rows = await q.orderBy('b.duration_ms').orderBy('b.finished_at').orderBy('p.id').limit(limit).offset(offset).execute();
  const ids = rows.map((r) => r.participantId);
  const [accounts, hashes] = [await accountKeysOf(db, ids), await identityHashesOf(db, ids)];
  return rows.map(({ deletedAt, ...r }) => ({
    ...r,
    accounts: accounts.get(r.participantId) ?? [],
    identityHashes: hashes.get(r.participantId) ?? [],
    deleted: deletedAt !== null,
    score: Number(r.score),
    questionCount: Number(r.questionCount),
    durationMs: Number(r.durationMs),
    finishedAt: Number(r.finishedAt),
    prediction: r.prediction === null ? null : Number(r.prediction),
  }));
}

function gapOf(actualPerfect: number) {
  return sql<number>`case when b.prediction is null then ${sql.lit(NO_PREDICTION_GAP)} else abs(b.prediction - ${sql.lit(Math.trunc(actualPerfect))}) end`;
}

/** A person's competition rank in a round (people strictly ahead + 1), or null when they have no finished attempt in it. */
export async function roundRankOf(db: DB, roundId: string, participantId: number, actualPerfect: number | undefined): Promise<number | null> {
  const me = await db
    .selectFrom('best_results as b')
    .select(['b.score', 'b.duration_ms', 'b.finished_at', actualPerfect === undefined ? sql<number>`0`.as('gap') : gapOf(actualPerfect).as('gap')])
    .where('b.round_id', '=', roundId)
    .where('b.participant_id', '=', participantId)
    .where('b.participant_id', 'not in', excludedIds(db))
    .executeTakeFirst();
  if (!me) return null;
  const gap = actualPerfect === undefined ? sql<number>`0` : gapOf(actualPerfect);
  const { n } = await db
    .selectFrom('best_results as b')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('b.round_id', '=', roundId)
    .where('b.participant_id', 'not in', excludedIds(db))
    .where((eb) =>
      eb.or([
        eb('b.score', '>', me.score),
        eb.and([eb('b.score', '=', me.score), eb(gap, '<', Number(me.gap))]),
        eb.and([eb('b.score', '=', me.score), eb(gap, '=', Number(me.gap)), eb('b.duration_ms', '<', me.duration_ms)]),
        eb.and([eb('b.score', '=', me.score), eb(gap, '=', Number(me.gap)), eb('b.duration_ms', '=', me.duration_ms), eb('b.finished_at', '<', me.finished_at)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(n) + 1;
}

/** How many people have a finished attempt in the round (deleted people included: they stay ranked). */
export async function countRoundParticipants(db: DB, roundId: string): Promise<number> {
  const { n } = await db
    .selectFrom('best_results')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('round_id', '=', roundId)
    .where('participant_id', 'not in', excludedIds(db))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Whether an update received before `before` is still waiting or being processed (it may change the results). */
export async function hasUnprocessedBefore(db: DB, before: number): Promise<boolean> {
  // Rows without a sender are stored rejected, never processed: they cannot change anything.
  const row = await db
    .selectFrom('inbox')
    .select('id')
    .where('status', 'in', ['received', 'processing'])
    .where('received_at', '<', before)
    .where('chat_key', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Rounds whose announcement was claimed already. */
export async function announcedRounds(db: DB, campaignId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('round_announcements').select('round_id').where('campaign_id', '=', campaignId).execute();
  return new Set(rows.map((r) => r.round_id));
}

/** Claims a round's announcement; true when this call made the row (the caller then creates the run, same transaction). */
export async function claimRoundAnnouncement(db: DB, row: { campaign_id: string; round_id: string; run_id: string; final_at: number }): Promise<boolean> {
  const r = await db.insertInto('round_announcements').values(row).onConflict((oc) => oc.columns(['campaign_id', 'round_id']).doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Accounts of the active unit officials, as "channel:account id". */
export async function activeOfficialAccounts(db: DB): Promise<string[]> {
  const rows = await db.selectFrom('officials').select(['channel', 'account_id']).where('revoked_at', 'is', null).execute();
  return rows.map((r) => `${r.channel}:${r.account_id}`);
}

/** Names and units of the given people as stored now (null name: deleted their data). */
export async function namesOf(db: DB, ids: readonly number[]): Promise<Map<number, { name: string | null; unit: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('participants as p')
    .leftJoin('units as c', 'c.code', 'p.commune_code')
    .leftJoin('units as g', 'g.code', 'p.agency_code')
    .select(['p.id', 'p.full_name as name', 'p.deleted_at as deletedAt', 'c.name as communeName', 'g.name as agencyName'])
    .where('p.id', 'in', [...ids])
    .execute();
  return new Map(
    rows.map((r) => [r.id, r.deletedAt !== null ? { name: null, unit: '' } : { name: r.name ?? '', unit: [r.agencyName, r.communeName].filter(Boolean).join(', ') }]),
  );
}

/** Stores a page of a round's ranks (again: a no-op, so a fan-out that is run twice writes the same rows once). */
export async function storeRanks(db: DB, campaignId: string, roundId: string, ranks: readonly { participantId: number; rank: number }[]): Promise<void> {
  if (ranks.length === 0) return;
  await db
    .insertInto('round_ranks')
    .values(ranks.map((r) => ({ campaign_id: campaignId, round_id: roundId, participant_id: r.participantId, rank: r.rank })))
    .onConflict((oc) => oc.columns(['campaign_id', 'round_id', 'participant_id']).doNothing())
    .execute();
}

export async function storedRank(db: DB, campaignId: string, roundId: string, participantId: number): Promise<number | null> {
  const row = await db.selectFrom('round_ranks').select('rank').where('campaign_id', '=', campaignId).where('round_id', '=', roundId).where('participant_id', '=', participantId).executeTakeFirst();
  return row ? Number(row.rank) : null;
}

/** When the round's results were first seen final: recorded once (the first call wins), returned as stored. */
export async function publishedAt(db: DB, campaignId: string, roundId: string, now: number): Promise<number> {
  await db.insertInto('round_publications').values({ campaign_id: campaignId, round_id: roundId, published_at: now }).onConflict((oc) => oc.columns(['campaign_id', 'round_id']).doNothing()).execute();
  const row = await db.selectFrom('round_publications').select('published_at').where('campaign_id', '=', campaignId).where('round_id', '=', roundId).executeTakeFirstOrThrow();
  return Number(row.published_at);
}

export interface ExcludedEntry {
  participantId: number;
  name: string | null;
  communeName: string | null;
  agencyName: string | null;
  score: number;
  reason: string;
  decidedAt: number;
}

/** People of the round (a best result in it) excluded by a decision taken after `after`, with that decision. */
export async function excludedInRoundAfter(db: DB, roundId: string, after: number): Promise<ExcludedEntry[]> {
  const rows = await db
    .selectFrom('best_results as b')
    .innerJoin('participants as p', 'p.id', 'b.participant_id')
    .innerJoin('integrity_decisions as d', 'd.participant_id', 'p.id')
    .leftJoin('units as c', 'c.code', 'p.commune_code')
    .leftJoin('units as g', 'g.code', 'p.agency_code')
    .select(['p.id as participantId', 'p.full_name as name', 'p.deleted_at as deletedAt', 'c.name as communeName', 'g.name as agencyName', 'b.score', 'd.id as decisionId', 'd.decision', 'd.reason', 'd.decided_at as decidedAt'])
    .where('b.round_id', '=', roundId)
    .where('p.excluded', '=', 1)
    .orderBy('d.id')
    .execute();
  // The latest decision per person is the one in force (an exclusion).
  const latest = new Map<number, (typeof rows)[number]>();
  for (const r of rows) latest.set(r.participantId, r);
  return [...latest.values()]
    .filter((r) => r.decision === 'excluded' && Number(r.decidedAt) > after)
    .sort((a, b) => Number(b.score) - Number(a.score) || a.participantId - b.participantId)
    .map((r) => ({ participantId: r.participantId, name: r.deletedAt === null ? r.name : null, communeName: r.communeName, agencyName: r.agencyName, score: Number(r.score), reason: r.reason, decidedAt: Number(r.decidedAt) }));
}
