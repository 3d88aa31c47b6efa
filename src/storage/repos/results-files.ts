import type { DB } from '../db.ts';
import { accountKeysOf, identityHashesOf } from './accounts.ts';

/** One person of a round as its results file needs them (deleted people included: they stay ranked). */
export interface RoundPersonRow {
  participantId: number;
  /** The person's accounts, as "channel:account id" (none once deleted). */
  accounts: string[];
  /** A deleted person's identity hashes, one per account they had. */
  identityHashes: string[];
  communeCode: string | null;
  agencyCode: string | null;
  score: number;
  questionCount: number;
  durationMs: number;
  finishedAt: number;
  prediction: number | null;
  attempts: number;
}

/**
 * Everyone with a finished attempt in the round, by participant id (the ranking's last key), with their best attempt
 * and how many attempts they finished. WHO IS LISTED in a round's results file: the one place to filter people out.
 */
export async function roundPeople(db: DB, roundId: string): Promise<RoundPersonRow[]> {
  const rows = await db
    .selectFrom('best_results as b')
    .innerJoin('participants as p', 'p.id', 'b.participant_id')
    .innerJoin('attempts as a', 'a.id', 'b.attempt_id')
    .select((eb) => [
      'p.id as participantId',
      'p.commune_code as communeCode',
      'p.agency_code as agencyCode',
      'b.score',
      'a.question_count as questionCount',
      'b.duration_ms as durationMs',
      'b.finished_at as finishedAt',
      'b.prediction',
      eb
        .selectFrom('attempts as f')
        .select((f) => f.fn.countAll<number>().as('n'))
        .whereRef('f.participant_id', '=', 'p.id')
        .where('f.round_id', '=', roundId)
        .where('f.finished_at', 'is not', null)
        .as('attempts'),
    ])
    .where('b.round_id', '=', roundId)
    // Excluded people (issue 25) are not listed: each unit counts them (unitsWithRegistered).
    .where('p.excluded', '=', 0)
    .orderBy('p.id')
    .execute();
  const ids = rows.map((r) => r.participantId);
  const [accounts, hashes] = [await accountKeysOf(db, ids), await identityHashesOf(db, ids)];
  return rows.map((r) => ({
    ...r,
    accounts: accounts.get(r.participantId) ?? [],
    identityHashes: hashes.get(r.participantId) ?? [],
    score: Number(r.score),
    questionCount: Number(r.questionCount),
    durationMs: Number(r.durationMs),
    finishedAt: Number(r.finishedAt),
    prediction: r.prediction === null ? null : Number(r.prediction),
    attempts: Number(r.attempts ?? 0),
  }));
}

/** Active communes and agencies with their population, how many people registered for them now, and how many of their people are excluded (issue 25). */
export async function unitsWithRegistered(db: DB): Promise<{ code: string; kind: 'commune' | 'agency'; name: string; population: number | null; registered: number; excluded: number }[]> {
  const rows = await db
    .selectFrom('units as u')
    .leftJoin('unit_totals as t', 't.code', 'u.code')
    .select(['u.code', 'u.kind', 'u.name', 'u.population', 't.registered'])
    .select((eb) =>
      eb
        .selectFrom('participants as x')
        .select((x) => x.fn.countAll<number>().as('n'))
        .where('x.excluded', '=', 1)
        .where((x) => x.or([x('x.commune_code', '=', x.ref('u.code')), x('x.agency_code', '=', x.ref('u.code'))]))
        .as('excluded'),
    )
    .where('u.kind', 'in', ['commune', 'agency'])
    .where('u.active', '=', 1)
    .orderBy('u.kind')
    .orderBy('u.code')
    .execute();
  return rows.map((r) => ({ code: r.code, kind: r.kind as 'commune' | 'agency', name: r.name, population: r.population === null ? null : Number(r.population), registered: Number(r.registered ?? 0), excluded: Number(r.excluded ?? 0) }));
}

/** The campaign's stored pseudonym key: `candidate` when none was stored yet (the first caller wins a race). */
export async function resultsKey(db: DB, campaignId: string, candidate: string, now: number): Promise<string> {
  await db.insertInto('results_keys').values({ campaign_id: campaignId, key: candidate, created_at: now }).onConflict((oc) => oc.column('campaign_id').doNothing()).execute();
  const row = await db.selectFrom('results_keys').select('key').where('campaign_id', '=', campaignId).executeTakeFirstOrThrow();
  return row.key;
}

export interface StoredResultsFile {
  roundId: string;
  filename: string;
  sha256: string;
  createdAt: number;
}

/** Stores a round's file unless one is stored already (then the stored one stays: a published file never changes). */
export async function storeResultsFile(db: DB, row: { campaign_id: string; round_id: string; filename: string; content: string; sha256: string; created_at: number }): Promise<void> {
  await db.insertInto('results_files').values(row).onConflict((oc) => oc.columns(['campaign_id', 'round_id']).doNothing()).execute();
}

export async function listResultsFiles(db: DB, campaignId: string): Promise<StoredResultsFile[]> {
  const rows = await db.selectFrom('results_files').select(['round_id', 'filename', 'sha256', 'created_at']).where('campaign_id', '=', campaignId).execute();
  return rows.map((r) => ({ roundId: r.round_id, filename: r.filename, sha256: r.sha256, createdAt: Number(r.created_at) }));
}

export async function resultsFileContent(db: DB, campaignId: string, roundId: string): Promise<{ filename: string; content: string; sha256: string } | undefined> {
  return db.selectFrom('results_files').select(['filename', 'content', 'sha256']).where('campaign_id', '=', campaignId).where('round_id', '=', roundId).executeTakeFirst();
}
