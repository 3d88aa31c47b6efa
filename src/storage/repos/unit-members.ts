import { sql, type ExpressionBuilder } from 'kysely';
import type { DB } from '../db.ts';
import type { Database } from '../schema.ts';

/** The ids of a unit's people (a commune's or an agency's; codes are unique across both), as a subquery. */
export function unitMemberIds(db: DB, unitCode: string) {
  return db.selectFrom('participants as um').select('um.id').where((eb) => eb.or([eb('um.commune_code', '=', unitCode), eb('um.agency_code', '=', unitCode)]));
}

export interface NotFinishedRow {
  id: number;
  fullName: string | null;
  phone: string | null;
  channel: string;
  consentVersion: string | null;
  registeredAt: number;
}

function notFinishedQuery(db: DB, opts: { unitCode?: string; roundId: string }) {
  let q = db
    .selectFrom('participants as p')
    .where('p.registered_at', 'is not', null)
    .where('p.deleted_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('attempts as a').select('a.id').whereRef('a.participant_id', '=', 'p.id').where('a.round_id', '=', opts.roundId).where('a.finished_at', 'is not', null))),
    );
  if (opts.unitCode) q = q.where('p.id', 'in', unitMemberIds(db, opts.unitCode));
  return q;
}

/** Registered people (of a unit, when given) who have not finished an attempt of the round: the people to call on. */
export async function notFinishedPage(db: DB, opts: { unitCode?: string; roundId: string; limit: number; offset: number }): Promise<NotFinishedRow[]> {
  const rows = await notFinishedQuery(db, opts)
    .select(['p.id', 'p.full_name as fullName', 'p.phone', 'p.channel', 'p.consent_version as consentVersion', 'p.registered_at as registeredAt'])
    .orderBy('p.registered_at')
    .orderBy('p.id')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
  return rows.map((r) => ({ ...r, registeredAt: Number(r.registeredAt) }));
}

export async function countNotFinished(db: DB, opts: { unitCode?: string; roundId: string }): Promise<number> {
  const { n } = await notFinishedQuery(db, opts).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

export interface MemberRow extends NotFinishedRow {
  /** Finished an attempt of the round asked about. */
  finished: boolean;
  /** When the phone was verified, and by whom (a channel's contact button, or an official's account). */
  phoneVerifiedAt: number | null;
  phoneVerifiedBy: string | null;
}

export interface MembersQuery {
  unitCode: string;
  roundId: string;
  /** Part of the name (case-insensitive for unaccented letters). */
  search?: string;
  finished?: boolean;
}

function membersQuery(db: DB, opts: MembersQuery) {
  let q = db.selectFrom('participants as p').where('p.registered_at', 'is not', null).where('p.deleted_at', 'is', null).where('p.id', 'in', unitMemberIds(db, opts.unitCode));
  if (opts.search) {
    const pattern = `%${opts.search.toLowerCase().replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`lower(p.full_name) like ${pattern} escape '\\'`);
  }
  if (opts.finished !== undefined) {
    const done = ({ exists, selectFrom }: ExpressionBuilder<Database & { p: Database['participants'] }, 'p'>) =>
      exists(selectFrom('attempts as a').select('a.id').whereRef('a.participant_id', '=', 'p.id').where('a.round_id', '=', opts.roundId).where('a.finished_at', 'is not', null));
    q = opts.finished ? q.where(done) : q.where((eb) => eb.not(done(eb)));
  }
  return q;
}

/** A page of a unit's registered people, by name, each with whether they finished an attempt of the round. */
export async function membersPage(db: DB, opts: MembersQuery & { limit: number; offset: number }): Promise<MemberRow[]> {
  const rows = await membersQuery(db, opts)
    .select((eb) => [
      'p.id',
      'p.full_name as fullName',
      'p.phone',
      'p.channel',
      'p.consent_version as consentVersion',
      'p.registered_at as registeredAt',
      'p.phone_verified_at as phoneVerifiedAt',
      'p.phone_verified_by as phoneVerifiedBy',
      eb
        .case()
        .when(eb.exists(eb.selectFrom('attempts as a').select('a.id').whereRef('a.participant_id', '=', 'p.id').where('a.round_id', '=', opts.roundId).where('a.finished_at', 'is not', null)))
        .then(1)
        .else(0)
        .end()
        .as('finished'),
    ])
    .orderBy('p.full_name')
    .orderBy('p.id')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
  return rows.map((r) => ({ ...r, registeredAt: Number(r.registeredAt), finished: Number(r.finished) === 1, phoneVerifiedAt: r.phoneVerifiedAt === null ? null : Number(r.phoneVerifiedAt) }));
}

export async function countMembers(db: DB, opts: MembersQuery): Promise<number> {
  const { n } = await membersQuery(db, opts).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}
