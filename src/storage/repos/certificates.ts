import type { DB } from '../db.ts';

/** What a certificate states, as the database has it now. */
export interface CertificateBasis {
  name: string;
  communeName: string | null;
  agencyName: string | null;
  score: number;
  /** Round: the best attempt's question count; contest: null (the caller knows the maximum). */
  questionCount: number | null;
  /** Round: when the best attempt finished; contest: the person's overall finishing time. */
  statedAt: number;
}

/**
 * WHO GETS A CERTIFICATE: a person who has not deleted their data, with a finished attempt in the round (`roundId`),
 * or in any round (`null`: the whole contest, with the sum of the rounds' best scores). The one place to filter
 * people out of certificates.
 */
export async function certificateBasis(db: DB, participantId: number, roundId: string | null): Promise<CertificateBasis | undefined> {
  const person = db
    .selectFrom('participants as p')
    .leftJoin('units as c', 'c.code', 'p.commune_code')
    .leftJoin('units as g', 'g.code', 'p.agency_code')
    .where('p.id', '=', participantId)
    .where('p.deleted_at', 'is', null)
    // Excluded people (issue 25) get none.
    .where('p.excluded', '=', 0)
    .where('p.full_name', 'is not', null);
  if (roundId === null) {
    const row = await person
      .select(['p.full_name as name', 'c.name as communeName', 'g.name as agencyName', 'p.overall_score as score', 'p.overall_finished_at as statedAt'])
      .where('p.overall_finished_at', 'is not', null)
      .executeTakeFirst();
    return row ? { name: row.name ?? '', communeName: row.communeName, agencyName: row.agencyName, score: Number(row.score), questionCount: null, statedAt: Number(row.statedAt) } : undefined;
  }
  const row = await person
    .innerJoin('best_results as b', (j) => j.onRef('b.participant_id', '=', 'p.id').on('b.round_id', '=', roundId))
    .innerJoin('attempts as a', 'a.id', 'b.attempt_id')
    .select(['p.full_name as name', 'c.name as communeName', 'g.name as agencyName', 'b.score', 'a.question_count as questionCount', 'b.finished_at as statedAt'])
    .executeTakeFirst();
  return row ? { name: row.name ?? '', communeName: row.communeName, agencyName: row.agencyName, score: Number(row.score), questionCount: Number(row.questionCount), statedAt: Number(row.statedAt) } : undefined;
}

/** The rounds in which the person has a finished attempt. */
export async function finishedRoundIds(db: DB, participantId: number): Promise<Set<string>> {
  const rows = await db.selectFrom('best_results').select('round_id').where('participant_id', '=', participantId).execute();
  return new Set(rows.map((r) => r.round_id));
}

export interface CertificateRow {
  code: string;
  participantId: number;
  roundId: string | null;
  name: string | null;
  unit: string | null;
  score: number;
  maxScore: number;
  statedAt: number;
  issuedAt: number;
  revoked: boolean;
}

const columns = ['code', 'participant_id', 'round_id', 'name', 'unit', 'score', 'max_score', 'stated_at', 'issued_at', 'revoked_at'] as const;

function fromRow(r: { code: string; participant_id: number; round_id: string | null; name: string | null; unit: string | null; score: number; max_score: number; stated_at: number; issued_at: number; revoked_at: number | null }): CertificateRow {
  return {
    code: r.code,
    participantId: Number(r.participant_id),
    roundId: r.round_id,
    name: r.name,
    unit: r.unit,
    score: Number(r.score),
    maxScore: Number(r.max_score),
    statedAt: Number(r.stated_at),
    issuedAt: Number(r.issued_at),
    revoked: r.revoked_at !== null,
  };
}

/** The person's latest certificate of the round (or of the contest: null) that is not revoked. */
export async function latestCertificate(db: DB, campaignId: string, participantId: number, roundId: string | null): Promise<CertificateRow | undefined> {
  let q = db.selectFrom('certificates').select(columns).where('campaign_id', '=', campaignId).where('participant_id', '=', participantId).where('revoked_at', 'is', null);
  q = roundId === null ? q.where('round_id', 'is', null) : q.where('round_id', '=', roundId);
  const row = await q.orderBy('issued_at', 'desc').orderBy('code').executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

export async function insertCertificate(db: DB, row: { code: string; campaign_id: string; participant_id: number; round_id: string | null; name: string; unit: string; score: number; max_score: number; stated_at: number; issued_at: number }): Promise<void> {
  await db.insertInto('certificates').values({ ...row, revoked_at: null }).execute();
}

/**
 * A certificate by its code, and WHETHER IT STANDS: revoked once the person deleted their data, or while they are
 * excluded. The one place that
 * decides what the check page says.
 */
export async function certificateByCode(db: DB, campaignId: string, code: string): Promise<CertificateRow | undefined> {
  const row = await db
    .selectFrom('certificates as k')
    .leftJoin('participants as p', 'p.id', 'k.participant_id')
    .select(columns.map((c) => `k.${c}` as const))
    .select('p.excluded')
    .where('k.code', '=', code)
    .where('k.campaign_id', '=', campaignId)
    .executeTakeFirst();
  if (!row) return undefined;
  // Excluded by a district official (issue 25): revoked while the decision stands (an exclusion can be undone).
  const cert = fromRow(row);
  return Number(row.excluded ?? 0) === 1 ? { ...cert, revoked: true } : cert;
}

/** Revokes every certificate of the person and erases the name and unit they stated; returns how many. */
export async function revokeCertificatesOf(db: DB, participantId: number, now: number): Promise<number> {
  const r = await db.updateTable('certificates').set({ revoked_at: now, name: null, unit: null }).where('participant_id', '=', participantId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
