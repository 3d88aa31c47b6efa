import type { DB } from '../db.ts';

/** Registered people who joined through each unit's invite link (or typed its code), by unit code. */
export async function joinsViaUnit(db: DB): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('participants')
    .select((eb) => ['joined_via_unit as code', eb.fn.countAll<number>().as('n')])
    .where('joined_via_unit', 'is not', null)
    .where('registered_at', 'is not', null)
    .where('excluded', '=', 0)
    .groupBy('joined_via_unit')
    .execute();
  return new Map(rows.map((r) => [r.code!, Number(r.n)]));
}

/** For every participant of a unit kind: their unit and when they first finished an attempt (deleted people count). */
export async function firstFinishes(db: DB, kind: 'commune' | 'agency'): Promise<{ code: string; at: number }[]> {
  const column = kind === 'commune' ? 'p.commune_code' : 'p.agency_code';
  const rows = await db
    .selectFrom('attempts as a')
    .innerJoin('participants as p', 'p.id', 'a.participant_id')
    .select((eb) => [eb.ref(column).as('code'), eb.fn.min<number>('a.finished_at').as('at')])
    .where(column, 'is not', null)
    .where('a.finished_at', 'is not', null)
    .where('p.excluded', '=', 0)
    .groupBy(['p.id', column])
    .execute();
  return rows.map((r) => ({ code: r.code!, at: Number(r.at) }));
}

/** How many rounds each of these participants has a best result in. */
export async function roundsPlayed(db: DB, participantIds: readonly number[]): Promise<Map<number, number>> {
  if (participantIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('best_results')
    .select((eb) => ['participant_id as id', eb.fn.countAll<number>().as('n')])
    .where('participant_id', 'in', [...participantIds])
    .groupBy('participant_id')
    .execute();
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

export interface OverallKey {
  score: number;
  durationMs: number;
  finishedAt: number;
}

/**
 * People who deleted their data yet rank at or ahead of `last` on the overall board (score ↓, time ↓, finished ↓);
 * with no `last` (nobody proposed), every deleted person with a finished attempt.
 */
export async function countDeletedAhead(db: DB, last: OverallKey | null): Promise<number> {
  let q = db
    .selectFrom('participants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('deleted_at', 'is not', null)
    .where('excluded', '=', 0)
    .where('overall_finished_at', 'is not', null);
  if (last) {
    q = q.where((eb) =>
      eb.or([
        eb('overall_score', '>', last.score),
        eb.and([eb('overall_score', '=', last.score), eb('overall_duration_ms', '<', last.durationMs)]),
        eb.and([eb('overall_score', '=', last.score), eb('overall_duration_ms', '=', last.durationMs), eb('overall_finished_at', '<=', last.finishedAt)]),
      ]),
    );
  }
  const { n } = await q.executeTakeFirstOrThrow();
  return Number(n);
}

/** Inviters who deleted their data, with how many of their invitees registered and finished an attempt. */
export async function deletedMobilisers(db: DB): Promise<{ invitedFinished: number; invitedTotal: number }[]> {
  const rows = await db
    .selectFrom('participants as i')
    .innerJoin('participants as p', 'p.id', 'i.invited_by')
    .select((eb) => ['p.id', eb.fn.countAll<number>().as('total'), eb.fn.count<number>('i.overall_finished_at').as('finished')])
    .where('i.registered_at', 'is not', null)
    .where('i.excluded', '=', 0)
    .where('p.deleted_at', 'is not', null)
    .groupBy('p.id')
    .execute();
  return rows.map((r) => ({ invitedFinished: Number(r.finished), invitedTotal: Number(r.total) }));
}
