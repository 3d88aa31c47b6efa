import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { foldName, paceOf, type AnswerSheet, type AttemptPace, type Flag, type PacedAnswer, type PaddingNote } from '../../core/integrity.ts';
import { CHUNK, inChunks, inSortedIds } from '../chunks.ts';
import { inTransaction, type DB } from '../db.ts';
import type { IntegrityDecision } from '../schema.ts';

// The integrity checks' reads (issue 25): each a grouped query that both databases run over the whole contest in
// seconds at 300,000 participants, narrowing to a few candidates whose details are then read by id.


/** Answered questions: attempts `a`, their questions `q`, the answers `s`. */
const answered = (db: DB) =>
  db
    .selectFrom('attempts as a')
    .innerJoin('attempt_questions as q', 'q.attempt_id', 'a.id')
    .innerJoin('answers as s', (j) => j.onRef('s.attempt_id', '=', 'q.attempt_id').onRef('s.position', '=', 'q.position'));

const sorted = (ids: readonly number[]) => [...ids].sort((x, y) => x - y);

/** Whether question `q` of attempt `a` was in one of the person's earlier attempts (its pace then says nothing). */
const seenBefore = (db: DB) =>
  db
    .selectFrom('attempts as e')
    .innerJoin('attempt_questions as eq', 'eq.attempt_id', 'e.id')
    .select(sql`1`.as('x'))
    .whereRef('e.participant_id', '=', sql.ref('a.participant_id'))
    .whereRef('e.id', '<', sql.ref('a.id'))
    .whereRef('eq.question_version_id', '=', sql.ref('q.question_version_id'));

/** The answers of the given attempts (ids sorted ascending), paced (each question marked when seen in one of the person's earlier attempts). */
async function answersOf(db: DB, attemptIds: readonly number[]) {
  const rows = await inChunks(attemptIds, (ids) =>
    answered(db)
      .select((eb) => ['a.id as attemptId', 'q.question_version_id as versionId', 's.chosen_index as chosen', 's.is_correct as correct', 'q.shown_at as shownAt', 's.answered_at as answeredAt', eb.exists(seenBefore(db)).as('seen')])
      .where((eb) => inSortedIds(eb, 'a.id', ids))
      .execute(),
  );
  const by = new Map<number, { paced: PacedAnswer[]; sheet: string[]; wrong: number }>(attemptIds.map((id) => [id, { paced: [], sheet: [], wrong: 0 }]));
  for (const r of rows) {
    const e = by.get(r.attemptId)!;
    // Shown at 0: stored before shown_at was kept (migration 111); its pace is unknown.
    e.paced.push({ shownAt: r.shownAt === null || Number(r.shownAt) === 0 ? null : Number(r.shownAt), answeredAt: Number(r.answeredAt), seenBefore: Boolean(Number(r.seen)) });
    e.sheet.push(`${r.versionId}:${r.chosen}`);
    if (Number(r.correct) === 0) e.wrong++;
  }
  return by;
}

/** A digest that equal answer sheets (question versions and chosen options, in any order) share: 128 bits, base64url. */
const sheetKey = (cells: string[]) => createHash('sha256').update([...cells].sort().join(',')).digest('base64url').slice(0, 22);

/**
 * Keeps the given finished attempts' figures for the flags: the pace of their fresh questions (core's paceOf), their
 * wrong answers and their sheet's digest. One statement per chunk of attempts,
 * the figures written as literals (integers and digests computed here).
 */
export async function keepAttemptFigures(db: DB, attemptIds: readonly number[]): Promise<void> {
  const ids = sorted(attemptIds);
  for (let i = 0; i < ids.length; i += CHUNK) {
    const figures = [...(await answersOf(db, ids.slice(i, i + CHUNK))).entries()].map(([id, a]) => ({ id, pace: paceOf(a.paced), wrong: a.wrong, key: sheetKey(a.sheet) }));
    const column = <T extends number | string>(f: (x: (typeof figures)[number]) => T) => sql<T>`case id ${sql.join(figures.map((x) => sql`when ${sql.lit(x.id)} then ${sql.lit(f(x))}`), sql` `)} end`;
    await db
      .updateTable('attempts')
      .set({
        fresh_questions: column((x) => x.pace.freshQuestions),
        fresh_median_ms: column((x) => Math.round(x.pace.medianMs)),
        fresh_total_ms: column((x) => Math.round(x.pace.totalMs)),
        wrong_answers: column((x) => x.wrong),
        sheet_key: column((x) => x.key),
      })
      .where((eb) => inSortedIds(eb, 'id', figures.map((x) => x.id)))
      .execute();
  }
}

/** Finished attempts whose pace is not kept yet (finished before migration 200), at most `limit`. */
export async function unmeasuredAttemptIds(db: DB, limit: number): Promise<number[]> {
  // No order: the partial index attempts_unmeasured answers it at once.
  const rows = await db.selectFrom('attempts').select('id').where('finished_at', 'is not', null).where('fresh_questions', 'is', null).limit(limit).execute();
  return rows.map((r) => r.id);
}

/**
 * Finished attempts whose kept pace is under the floors: at least `minFresh` fresh questions, and their upper median
 * under `medianFloorMs` (more than half of them faster) or their sum under `perQuestionFloorMs` each.
 */
export async function fastAttempts(db: DB, o: { medianFloorMs: number; perQuestionFloorMs: number; minFresh: number }): Promise<{ participantId: number; attemptId: number; roundId: string; pace: AttemptPace }[]> {
  const rows = await db
    .selectFrom('attempts')
    .select(['id', 'participant_id', 'round_id', 'fresh_questions', 'fresh_median_ms', 'fresh_total_ms'])
    .where('finished_at', 'is not', null)
    .where('fresh_questions', '>=', o.minFresh)
    .where((eb) => eb.or([eb('fresh_median_ms', '<', o.medianFloorMs), eb('fresh_total_ms', '<', sql<number>`${o.perQuestionFloorMs} * fresh_questions`)]))
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ participantId: r.participant_id, attemptId: r.id, roundId: r.round_id, pace: { freshQuestions: Number(r.fresh_questions), medianMs: Number(r.fresh_median_ms), totalMs: Number(r.fresh_total_ms) } }));
}

/**
 * Finished attempts with at least `minWrong` wrong answers whose whole answer sheet is the same as another attempt's
 * of the same round: grouped by the sheets' kept digests (the caller compares the sheets themselves).
 */
export async function twinCandidateIds(db: DB, minWrong: number): Promise<number[][]> {
  const rows = await db
    .with('shared', () =>
      db.selectFrom('attempts').select(['round_id', 'sheet_key']).where('finished_at', 'is not', null).where('wrong_answers', '>=', minWrong).groupBy(['round_id', 'sheet_key']).having(sql<boolean>`count(*) >= 2`),
    )
    .selectFrom('attempts as t')
    .innerJoin('shared as g', (j) => j.onRef('g.round_id', '=', 't.round_id').onRef('g.sheet_key', '=', 't.sheet_key'))
    .select(['t.id', 't.round_id', 't.sheet_key'])
    .where('t.finished_at', 'is not', null)
    .where('t.wrong_answers', '>=', minWrong)
    .orderBy('t.id')
    .execute();
  const groups = new Map<string, number[]>();
  for (const r of rows) {
    const k = `${r.round_id}|${r.sheet_key!}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(r.id);
  }
  return [...groups.values()];
}

/** The answer sheets of the given attempts, for the twin rule. */
export async function answerSheets(db: DB, attemptIds: readonly number[]): Promise<AnswerSheet[]> {
  const rows = await inChunks(sorted(attemptIds), (ids) =>
    answered(db)
      .innerJoin('participants as p', 'p.id', 'a.participant_id')
      .select(['a.id as attemptId', 'a.participant_id as participantId', 'a.round_id as roundId', 'p.commune_code', 'p.agency_code', 'p.invited_by', 'q.question_version_id as versionId', 's.chosen_index', 's.is_correct', 'q.shown_at', 's.answered_at'])
      .where((eb) => inSortedIds(eb, 'a.id', ids))
      .execute(),
  );
  const by = new Map<number, AnswerSheet & { answers: Map<number, { chosen: number; correct: boolean; paceMs: number | null }> }>();
  for (const r of rows) {
    let sheet = by.get(r.attemptId);
    if (!sheet) {
      sheet = { participantId: r.participantId, attemptId: r.attemptId, roundId: r.roundId, units: [r.commune_code, r.agency_code].filter((u): u is string => u !== null), inviterId: r.invited_by, answers: new Map() };
      by.set(r.attemptId, sheet);
    }
    const shown = r.shown_at === null || Number(r.shown_at) === 0 ? null : Number(r.shown_at);
    sheet.answers.set(r.versionId, { chosen: r.chosen_index, correct: r.is_correct === 1, paceMs: shown === null ? null : Number(r.answered_at) - shown });
  }
  return [...by.values()];
}

/** Registered people (not deleted) sharing a phone with at least `min - 1` others. */
export async function sharedPhones(db: DB, min: number): Promise<{ phone: string; ids: number[] }[]> {
  const rows = await db
    .selectFrom('participants')
    .select(['id', 'phone'])
    .where('phone', 'in', (eb) =>
      eb.selectFrom('participants').select('phone').where('phone', 'is not', null).where('registered_at', 'is not', null).where('deleted_at', 'is', null).groupBy('phone').having(sql<boolean>`count(*) >= ${min}`),
    )
    .where('registered_at', 'is not', null)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  const groups = new Map<string, number[]>();
  for (const r of rows) groups.set(r.phone!, [...(groups.get(r.phone!) ?? []), r.id]);
  return [...groups.entries()].map(([phone, ids]) => ({ phone, ids }));
}

/**
 * Keys the names written without their folded key (rows from before migration 201; core's foldName), at most
 * `limit`; returns how many.
 */
export async function keyUnkeyedNames(db: DB, limit: number): Promise<number> {
  // No order in SQL: the partial index participants_unkeyed_name answers it at once.
  const rows = (await db.selectFrom('participants').select(['id', 'full_name']).where('full_name', 'is not', null).where('name_key', 'is', null).limit(limit).execute()).sort((x, y) => x.id - y.id);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await db
      .updateTable('participants')
      .set({ name_key: sql<string>`case id ${sql.join(chunk.map((r) => sql`when ${sql.lit(r.id)} then ${foldName(r.full_name!)}`), sql` `)} end` })
      .where((eb) => inSortedIds(eb, 'id', chunk.map((r) => r.id)))
      .execute();
  }
  return rows.length;
}

/** Registered people (not deleted) whose folded name someone else of their commune or agency registered too. */
export async function repeatedNames(db: DB): Promise<{ id: number; name: string; unitCode: string }[]> {
  const out: { id: number; name: string; unitCode: string }[] = [];
  for (const column of ['commune_code', 'agency_code'] as const) {
    // The conditions of the partial indexes participants_commune_name and participants_agency_name.
    const repeated = db
      .selectFrom('participants')
      .select([column, 'name_key'])
      .where(column, 'is not', null)
      .where('name_key', 'is not', null)
      .where('registered_at', 'is not', null)
      .where('deleted_at', 'is', null)
      .groupBy([column, 'name_key'])
      .having(sql<boolean>`count(*) >= 2`);
    const rows = await db
      .with('repeated', () => repeated)
      .selectFrom('repeated as r')
      .innerJoin('participants as p', (j) => j.onRef(`p.${column}`, '=', `r.${column}`).onRef('p.name_key', '=', 'r.name_key'))
      .select(['p.id', 'p.full_name', `p.${column} as unitCode`])
      .where('p.registered_at', 'is not', null)
      .where('p.deleted_at', 'is', null)
      .orderBy('p.id')
      .execute();
    out.push(...rows.map((r) => ({ id: r.id, name: r.full_name!, unitCode: r.unitCode! })));
  }
  return out;
}

/** The registrations through the links the given people registered through (a person's invitation, a unit's link). */
export async function registrationsViaLinksOf(db: DB, ids: readonly number[]): Promise<{ via: string; registrations: { id: number; at: number }[] }[]> {
  const people = await inChunks(ids, (chunk) => db.selectFrom('participants').select(['invited_by', 'joined_via_unit']).where('id', 'in', chunk).execute());
  const inviters = [...new Set(people.map((p) => p.invited_by).filter((x): x is number => x !== null))];
  const units = [...new Set(people.filter((p) => p.invited_by === null).map((p) => p.joined_via_unit).filter((x): x is string => x !== null))];
  const links: { via: string; registrations: { id: number; at: number }[] }[] = [];
  const byInviter = await inChunks(inviters, (chunk) => db.selectFrom('participants').select(['id', 'invited_by', 'registered_at']).where('invited_by', 'in', chunk).where('registered_at', 'is not', null).execute());
  for (const inviter of inviters) links.push({ via: `p${inviter}`, registrations: byInviter.filter((r) => r.invited_by === inviter).map((r) => ({ id: r.id, at: Number(r.registered_at) })) });
  for (const unit of units) {
    const rows = await db.selectFrom('participants').select(['id', 'registered_at']).where('joined_via_unit', '=', unit).where('invited_by', 'is', null).where('registered_at', 'is not', null).execute();
    links.push({ via: `u${unit}`, registrations: rows.map((r) => ({ id: r.id, at: Number(r.registered_at) })) });
  }
  return links;
}

/** Finished attempts made in a session an official opened. */
export async function openedAttempts(db: DB): Promise<{ participantId: number; attemptId: number; roundId: string; openedBy: string }[]> {
  const rows = await db.selectFrom('attempts').select(['id', 'participant_id', 'round_id', 'opened_by']).where('opened_by', 'is not', null).where('finished_at', 'is not', null).execute();
  return rows.map((r) => ({ participantId: r.participant_id, attemptId: r.id, roundId: r.round_id, openedBy: r.opened_by! }));
}

/** Registered and never-attempted people per unit, from the unit counters (excluded people are not counted). */
export async function unitParticipation(db: DB): Promise<PaddingNote[]> {
  const rows = await db.selectFrom('unit_totals').select(['code', 'registered', 'participants']).execute();
  return rows.map((r) => ({ unitCode: r.code, registered: Number(r.registered), neverAttempted: Number(r.registered) - Number(r.participants) }));
}

/** Replaces the stored flags with a fresh computation, in one transaction. */
export async function storeFlags(db: DB, flags: readonly Flag[], at: number): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.deleteFrom('integrity_flags').execute();
    for (let i = 0; i < flags.length; i += CHUNK) {
      await tx
        .insertInto('integrity_flags')
        .values(
          flags.slice(i, i + CHUNK).map((f) => ({
            flag_key: f.key,
            participant_id: f.participantId,
            kind: f.evidence.kind,
            round_id: 'roundId' in f.evidence ? f.evidence.roundId : null,
            evidence_json: JSON.stringify(f.evidence),
            computed_at: at,
          })),
        )
        .onConflict((oc) => oc.columns(['flag_key', 'participant_id']).doNothing())
        .execute();
    }
  });
}

/** When the stored flags were computed (0: never). */
export async function flagsComputedAt(db: DB): Promise<number> {
  const row = await db.selectFrom('integrity_flags').select((eb) => eb.fn.max('computed_at').as('at')).executeTakeFirst();
  return Number(row?.at ?? 0);
}

export interface StoredFlagRow {
  participantId: number;
  key: string;
  evidenceJson: string;
  name: string | null;
  channel: string;
  externalId: string;
  identityHash: string | null;
  communeCode: string | null;
  agencyCode: string | null;
  phoneVerified: boolean;
}

/**
 * The stored flags with their people (of one unit, when given): the flags first, then their people by id (an index
 * lookup each, never a pass over every participant).
 */
export async function storedFlags(db: DB, unitCode?: string): Promise<StoredFlagRow[]> {
  const flags = await db.selectFrom('integrity_flags').select(['participant_id as participantId', 'flag_key as key', 'evidence_json as evidenceJson']).orderBy('participant_id').orderBy('flag_key').execute();
  const people = await inChunks([...new Set(flags.map((f) => f.participantId))], (ids) =>
    db
      .selectFrom('participants')
      .select(['id', 'full_name as name', 'channel', 'external_id as externalId', 'identity_hash as identityHash', 'commune_code as communeCode', 'agency_code as agencyCode', 'phone_verified_at as verifiedAt'])
      .where('id', 'in', ids)
      .execute(),
  );
  const byId = new Map(people.map(({ id, verifiedAt, ...p }) => [id, { ...p, phoneVerified: verifiedAt !== null }]));
  return flags.flatMap((f) => {
    const p = byId.get(f.participantId);
    if (!p || (unitCode && p.communeCode !== unitCode && p.agencyCode !== unitCode)) return [];
    return [{ ...f, ...p }];
  });
}

/** People with a stored flag of the round (or a flag of no round) and a finished attempt in it. */
export async function flaggedInRound(db: DB, roundId: string): Promise<{ participantId: number; channel: string; externalId: string; identityHash: string | null }[]> {
  return db
    .selectFrom('integrity_flags as f')
    .innerJoin('participants as p', 'p.id', 'f.participant_id')
    .select(['p.id as participantId', 'p.channel', 'p.external_id as externalId', 'p.identity_hash as identityHash'])
    .where((eb) => eb.or([eb('f.round_id', '=', roundId), eb.and([eb('f.round_id', 'is', null), eb.exists(eb.selectFrom('best_results as b').select('b.participant_id').whereRef('b.participant_id', '=', 'p.id').where('b.round_id', '=', roundId))])]))
    .distinct()
    .execute();
}

export interface DecisionRow {
  identityHash: string;
  participantId: number | null;
  decision: IntegrityDecision;
  reason: string;
  decidedBy: string;
  decidedAt: number;
}

/** The decisions in force (the latest per identity hash) for the given hashes. */
export async function decisionsFor(db: DB, hashes: readonly string[]): Promise<Map<string, DecisionRow>> {
  const rows = await inChunks([...new Set(hashes)], (chunk) =>
    db
      .selectFrom('integrity_decisions as d')
      .select(['d.id', 'd.identity_hash as identityHash', 'd.participant_id as participantId', 'd.decision', 'd.reason', 'd.decided_by as decidedBy', 'd.decided_at as decidedAt'])
      .where('d.identity_hash', 'in', chunk)
      .orderBy('d.id')
      .execute(),
  );
  const out = new Map<string, DecisionRow>();
  for (const { id: _id, ...r } of rows) out.set(r.identityHash, { ...r, decidedAt: Number(r.decidedAt) });
  return out;
}

/** Records a decision and sets the person's `excluded` mirror, in one transaction. */
export async function recordDecision(db: DB, row: { identityHash: string; participantId: number; decision: IntegrityDecision; reason: string; decidedBy: string; at: number }): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.insertInto('integrity_decisions').values({ identity_hash: row.identityHash, participant_id: row.participantId, decision: row.decision, reason: row.reason, decided_by: row.decidedBy, decided_at: row.at }).execute();
    await tx.updateTable('participants').set({ excluded: row.decision === 'excluded' ? 1 : 0 }).where('id', '=', row.participantId).execute();
  });
}

/** Sets a person's `excluded` mirror (a returning person whose identity hash was excluded). */
export async function setExcluded(db: DB, participantId: number, excluded: boolean): Promise<void> {
  await db.updateTable('participants').set({ excluded: excluded ? 1 : 0 }).where('id', '=', participantId).execute();
}

/** Excluded people per unit code (commune and agency), for the proposal's notes. */
export async function excludedPerUnit(db: DB): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const column of ['commune_code', 'agency_code'] as const) {
    const rows = await db.selectFrom('participants').select((eb) => [column, eb.fn.countAll<number>().as('n')]).where('excluded', '=', 1).where(column, 'is not', null).groupBy(column).execute();
    for (const r of rows) out.set(r[column]!, Number(r.n));
  }
  return out;
}
