import type { DB } from '../db.ts';

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
