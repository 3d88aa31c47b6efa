import { sql } from 'kysely';
import type { IndividualResult, MobiliserResult, UnitResult } from '../../core/ranking.ts';
import type { DB } from '../db.ts';
import { channelCounts } from './accounts.ts';
import { unitMemberIds } from './unit-members.ts';

/**
 * People a district official excluded count for nothing (issue 25). `excluded = 0` as a literal, so that the partial
 * overall-rank index (migration 180) serves the query.
 */
export const COUNTED = sql.lit(0);
/** The ids of excluded people (few): results tables without the participant joined leave them out by this. */
export const excludedIds = (db: DB) => db.selectFrom('participants').select('id').where('excluded', '=', 1);

export interface IndividualRow extends IndividualResult {
  communeName: string | null;
  agencyName: string | null;
  phone: string | null;
  /** The consent text version the person agreed to (decides whether officials see the phone). */
  consentVersion: string | null;
  channel: string;
  /** When the phone was verified (Telegram's contact button, or an official who called), else null. */
  phoneVerifiedAt: number | null;
}

/**
 * Top individuals of a round (its best attempts) or overall (sum of rounds' best scores), in the order of
 * core/ranking.ts compareIndividuals. `actualPerfect` turns on the prediction key (only once the round closed).
 */
export async function topIndividuals(
  db: DB,
  opts: { roundId?: string; limit: number; offset?: number; actualPerfect?: number; unitCode?: string },
): Promise<IndividualRow[]> {
  let base = db
    .selectFrom('participants as p')
    .leftJoin('units as c', 'c.code', 'p.commune_code')
    .leftJoin('units as g', 'g.code', 'p.agency_code')
    .where('p.deleted_at', 'is', null)
    .where('p.excluded', '=', COUNTED)
    .limit(opts.limit)
    .offset(opts.offset ?? 0);
  if (opts.unitCode) base = base.where('p.id', 'in', unitMemberIds(db, opts.unitCode));
  const common = ['p.id as participantId', 'p.full_name as name', 'p.phone', 'p.consent_version as consentVersion', 'p.channel', 'p.phone_verified_at as phoneVerifiedAt', 'c.name as communeName', 'g.name as agencyName'] as const;
  let rows;
  if (opts.roundId) {
    let q = base
      .innerJoin('best_results as b', 'b.participant_id', 'p.id')
      .select([...common, 'b.score', 'b.duration_ms as durationMs', 'b.finished_at as finishedAt', 'b.prediction'])
      .where('b.round_id', '=', opts.roundId)
      .orderBy('b.score', 'desc');
    if (opts.actualPerfect !== undefined) {
      // A missing prediction ranks after every given one (core: predictionGap).
      q = q.orderBy(sql`case when b.prediction is null then 1 else 0 end`).orderBy(sql`abs(b.prediction - ${opts.actualPerfect})`);
    }
    rows = await q.orderBy('b.duration_ms').orderBy('b.finished_at').orderBy('p.id').execute();
  } else {
    rows = await base
      .select([...common, 'p.overall_score as score', 'p.overall_duration_ms as durationMs', 'p.overall_finished_at as finishedAt', sql<null>`null`.as('prediction')])
      .where('p.overall_finished_at', 'is not', null)
      .orderBy('p.overall_score', 'desc')
      .orderBy('p.overall_duration_ms')
      .orderBy('p.overall_finished_at')
      .orderBy('p.id')
      .execute();
  }
  return rows.map((r) => ({
    ...r,
    name: r.name ?? '',
    score: Number(r.score),
    durationMs: Number(r.durationMs),
    finishedAt: Number(r.finishedAt),
    prediction: r.prediction === null ? null : Number(r.prediction),
    phoneVerifiedAt: r.phoneVerifiedAt === null ? null : Number(r.phoneVerifiedAt),
  }));
}

/** 1-based overall position of a participant (people strictly ahead + 1), or null before their first finished attempt. */
export async function overallRankOf(db: DB, participantId: number): Promise<number | null> {
  const me = await db
    .selectFrom('participants')
    .select(['overall_score', 'overall_duration_ms', 'overall_finished_at', 'excluded'])
    .where('id', '=', participantId)
    .executeTakeFirst();
  if (!me || me.overall_finished_at === null || me.excluded) return null;
  const { n } = await db
    .selectFrom('participants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('deleted_at', 'is', null)
    .where('excluded', '=', COUNTED)
    .where('overall_finished_at', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('overall_score', '>', me.overall_score),
        eb.and([eb('overall_score', '=', me.overall_score), eb('overall_duration_ms', '<', me.overall_duration_ms)]),
        eb.and([
          eb('overall_score', '=', me.overall_score),
          eb('overall_duration_ms', '=', me.overall_duration_ms),
          eb('overall_finished_at', '<', me.overall_finished_at),
        ]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(n) + 1;
}

/** Number of people whose best attempt in the round answered every question correctly. */
export async function countPerfect(db: DB, roundId: string): Promise<number> {
  const { n } = await db
    .selectFrom('best_results as b')
    .innerJoin('attempts as a', 'a.id', 'b.attempt_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('b.round_id', '=', roundId)
    .where('b.participant_id', 'not in', excludedIds(db))
    .whereRef('b.score', '=', 'a.question_count')
    .executeTakeFirstOrThrow();
  return Number(n);
}

type UnitColumn = 'commune_code' | 'agency_code';
interface UnitTotals {
  registered: number;
  participants: number;
  attempts: number;
  scoreSum: number;
}

/**
 * Registered people, participants, finished attempts and summed best scores per unit code, as triggers on
 * participants keep them (migration 095). Both kinds share the table (codes are unique across kinds); callers look
 * up the codes of the kind they list.
 */
async function totalsByUnit(db: DB): Promise<Map<string, UnitTotals>> {
  const rows = await db.selectFrom('unit_totals').select(['code', 'registered', 'participants', 'attempts', 'score_sum']).execute();
  return new Map(rows.map((t) => [t.code, { registered: Number(t.registered), participants: Number(t.participants), attempts: Number(t.attempts), scoreSum: Number(t.score_sum) }]));
}

/** The best overall result among people of the given units (not deleted), by the /bxh order. */
async function bestIndividualIn(db: DB, column: UnitColumn, codes: readonly string[]): Promise<UnitResult['bestIndividual']> {
  const best = await db
    .selectFrom('participants')
    .select(['full_name', 'overall_score'])
    .where(column, 'in', [...codes])
    .where('overall_finished_at', 'is not', null)
    .where('deleted_at', 'is', null)
    .where('excluded', '=', COUNTED)
    .orderBy('overall_score', 'desc')
    .orderBy('overall_duration_ms')
    .orderBy('overall_finished_at')
    .limit(1)
    .executeTakeFirst();
  return best?.full_name ? { name: best.full_name, score: best.overall_score } : null;
}

async function unitResult(db: DB, column: UnitColumn, u: { code: string; name: string; population: number | null }, codes: readonly string[], t: UnitTotals): Promise<UnitResult> {
  return {
    code: u.code,
    name: u.name,
    population: u.population,
    registered: t.registered,
    participants: t.participants,
    attempts: t.attempts,
    averageBestScore: t.participants ? t.scoreSum / t.participants : 0,
    bestIndividual: t.participants ? await bestIndividualIn(db, column, codes) : null,
  };
}

const NONE: UnitTotals = { registered: 0, participants: 0, attempts: 0, scoreSum: 0 };

/**
 * Per-unit figures for communes or agencies (deleted people still count, anonymously); `parent` keeps only the
 * communes of that parent unit.
 */
export async function unitResults(db: DB, kind: 'commune' | 'agency', opts: { parent?: string } = {}): Promise<UnitResult[]> {
  const column = kind === 'commune' ? 'commune_code' : 'agency_code';
  const byCode = await totalsByUnit(db);
  let listed = db.selectFrom('units').select(['code', 'name', 'population']).where('kind', '=', kind).where('active', '=', 1);
  if (opts.parent !== undefined) listed = listed.where('parent_code', '=', opts.parent);
  const results: UnitResult[] = [];
  for (const u of await listed.execute()) results.push(await unitResult(db, column, u, [u.code], byCode.get(u.code) ?? NONE));
  return results;
}

/** Figures of the parent level (a 2023 province's districts): the sums over each parent's active communes. */
export async function parentResults(db: DB): Promise<UnitResult[]> {
  const byCode = await totalsByUnit(db);
  const communes = await db.selectFrom('units').select(['code', 'parent_code']).where('kind', '=', 'commune').where('active', '=', 1).where('parent_code', 'is not', null).execute();
  const parents = await db.selectFrom('units').select(['code', 'name', 'population']).where('kind', '=', 'parent').where('active', '=', 1).execute();
  const results: UnitResult[] = [];
  for (const parent of parents) {
    const codes = communes.filter((c) => c.parent_code === parent.code).map((c) => c.code);
    const sum = codes.reduce<UnitTotals>((acc, code) => {
      const t = byCode.get(code) ?? NONE;
      return { registered: acc.registered + t.registered, participants: acc.participants + t.participants, attempts: acc.attempts + t.attempts, scoreSum: acc.scoreSum + t.scoreSum };
    }, NONE);
    results.push(await unitResult(db, 'commune_code', parent, codes, sum));
  }
  return results;
}

/** People who invited others (of one unit, when given), with how many of those registered and finished an attempt. */
export async function mobiliserResults(db: DB, limit: number, unitCode?: string): Promise<MobiliserResult[]> {
  let q = db
    .selectFrom('participants as i')
    .innerJoin('participants as p', 'p.id', 'i.invited_by')
    .leftJoin('units as c', 'c.code', 'p.commune_code')
    .select((eb) => [
      'p.id as participantId',
      'p.full_name as name',
      'c.name as communeName',
      eb.fn.countAll<number>().as('invitedTotal'),
      eb.fn.count<number>('i.overall_finished_at').as('invitedFinished'),
    ])
    .where('i.registered_at', 'is not', null)
    .where('i.excluded', '=', COUNTED)
    .where('p.excluded', '=', COUNTED)
    .where('p.deleted_at', 'is', null);
  if (unitCode) q = q.where('p.id', 'in', unitMemberIds(db, unitCode));
  const rows = await q.groupBy(['p.id', 'p.full_name', 'c.name']).orderBy('invitedFinished', 'desc').orderBy('invitedTotal', 'desc').limit(limit).execute();
  return rows.map((r) => ({ participantId: r.participantId, name: r.name ?? '', communeName: r.communeName ?? '', invitedTotal: Number(r.invitedTotal), invitedFinished: Number(r.invitedFinished) }));
}

/**
 * Contest-wide totals, or one unit's; `since`/`until` restrict registrations and attempts to a time window (a local
 * day).
 */
export async function totals(db: DB, window?: { since: number; until: number }, unitCode?: string) {
  // Per account channel, through `accounts`: a person with a web and a chat account counts on both lines.
  let people = channelCounts(db).where('p.excluded', '=', COUNTED);
  if (window) people = people.where('p.registered_at', '>=', window.since).where('p.registered_at', '<', window.until);
  if (unitCode) people = people.where('p.id', 'in', unitMemberIds(db, unitCode));
  const byChannel = await people.groupBy('a.channel').orderBy('a.channel').execute();
  let registered = db.selectFrom('participants').select((eb) => [eb.fn.countAll<number>().as('registered'), eb.fn.count<number>('overall_finished_at').as('participated')]).where('registered_at', 'is not', null).where('excluded', '=', COUNTED);
  if (window) registered = registered.where('registered_at', '>=', window.since).where('registered_at', '<', window.until);
  if (unitCode) registered = registered.where('id', 'in', unitMemberIds(db, unitCode));
  const whole = await registered.executeTakeFirstOrThrow();
  let attempts = db.selectFrom('attempts').where('finished_at', 'is not', null).where('participant_id', 'not in', excludedIds(db));
  if (window) attempts = attempts.where('finished_at', '>=', window.since).where('finished_at', '<', window.until);
  if (unitCode) attempts = attempts.where('participant_id', 'in', unitMemberIds(db, unitCode));
  const a = await attempts
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('score', '=', eb.ref('question_count')).then(1).else(0).end()).as('perfect'),
      eb.fn.count<number>('participant_id').distinct().as('people'),
    ])
    .executeTakeFirstOrThrow();
  return {
    registered: Number(whole.registered),
    // In a window, "participated" means people who finished an attempt in that window.
    participated: window ? Number(a.people) : Number(whole.participated),
    attempts: Number(a.n),
    perfect: Number(a.perfect ?? 0),
    byChannel: byChannel.map((r) => ({ channel: r.channel, registered: Number(r.registered), participated: Number(r.participated) })),
  };
}
