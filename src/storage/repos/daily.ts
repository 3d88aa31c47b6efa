import { sql } from 'kysely';
import type { DB } from '../db.ts';
import { unitMemberIds } from './unit-members.ts';

export interface DailyCount {
  /** 0 for the day starting at `since`, 1 for the next… */
  day: number;
  count: number;
}

const DAY_MS = 86_400_000;

/**
 * The 24-hour day from `since` a time column falls on: integer arithmetic on epoch milliseconds (portable; no date
 * functions). Both values are inlined as literals so that the select and group-by expressions are identical.
 */
const dayIndex = (column: string, since: number) => sql<number>`(${sql.ref(column)} - ${sql.lit(since)}) / ${sql.lit(DAY_MS)}`;

/** How many rows fall on each 24-hour day from `since`. */
async function countPerDay(db: DB, table: 'participants' | 'attempts', column: 'registered_at' | 'finished_at', since: number, unitCode?: string): Promise<DailyCount[]> {
  const day = dayIndex(column, since);
  let q = db
    .selectFrom(table)
    .select((eb) => [day.as('day'), eb.fn.countAll<number>().as('count')])
    .where(column, 'is not', null)
    .where(column, '>=', since);
  if (unitCode) q = q.where(sql.ref(table === 'participants' ? 'id' : 'participant_id'), 'in', unitMemberIds(db, unitCode));
  const rows = await q
    .groupBy(day)
    .orderBy(day)
    .execute();
  return rows.map((r) => ({ day: Number(r.day), count: Number(r.count) }));
}

/** Registrations per day since `since` (deleted people still count, anonymously); of one unit's people when given. */
export const registrationsPerDay = (db: DB, since: number, unitCode?: string) => countPerDay(db, 'participants', 'registered_at', since, unitCode);

/** Finished attempts per day since `since`; of one unit's people when given. */
export const finishedAttemptsPerDay = (db: DB, since: number, unitCode?: string) => countPerDay(db, 'attempts', 'finished_at', since, unitCode);

/** The contest's headline figures in one pass over participants (the counters every finished attempt keeps). */
export async function publicTotals(db: DB) {
  const row = await db
    .selectFrom('participants')
    .select((eb) => [eb.fn.countAll<number>().as('registered'), eb.fn.count<number>('overall_finished_at').as('participated'), eb.fn.sum<number>('finished_attempts').as('attempts')])
    .where('registered_at', 'is not', null)
    .where('excluded', '=', 0)
    .executeTakeFirstOrThrow();
  return { registered: Number(row.registered), participated: Number(row.participated), attempts: Number(row.attempts ?? 0) };
}

export interface UnitDayCount {
  code: string;
  /** 0 for the day starting at `since`, 1 for the next… */
  day: number;
  count: number;
}

/** Finished attempts per unit of `kind` (the people's commune or agency) and per 24-hour day from `since`. */
export async function finishedAttemptsPerUnitDay(db: DB, kind: 'commune' | 'agency', since: number): Promise<UnitDayCount[]> {
  const unit = kind === 'commune' ? 'p.commune_code' : 'p.agency_code';
  const day = dayIndex('a.finished_at', since);
  const rows = await db
    .selectFrom('attempts as a')
    .innerJoin('participants as p', 'p.id', 'a.participant_id')
    .select((eb) => [eb.ref(unit).as('code'), day.as('day'), eb.fn.countAll<number>().as('count')])
    .where('a.finished_at', '>=', since)
    .where(unit, 'is not', null)
    .groupBy([unit, day])
    .execute();
  return rows.map((r) => ({ code: r.code!, day: Number(r.day), count: Number(r.count) }));
}
