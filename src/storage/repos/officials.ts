import type { Insertable, Selectable } from 'kysely';
import type { DB } from '../db.ts';
import type { Database } from '../schema.ts';

export type OfficialRow = Selectable<Database['officials']>;
export type CodeRow = Selectable<Database['official_codes']>;
export type AuditRow = Selectable<Database['official_audit']>;
type Audit = Omit<Insertable<Database['official_audit']>, 'id'>;

export async function findOfficial(db: DB, channel: string, accountId: string): Promise<OfficialRow | undefined> {
  return db.selectFrom('officials').selectAll().where('channel', '=', channel).where('account_id', '=', accountId).executeTakeFirst();
}

export async function getOfficial(db: DB, id: number): Promise<OfficialRow | undefined> {
  return db.selectFrom('officials').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listOfficials(db: DB, opts: { activeOnly: boolean }): Promise<OfficialRow[]> {
  let q = db.selectFrom('officials').selectAll().orderBy('unit_code').orderBy('id');
  if (opts.activeOnly) q = q.where('revoked_at', 'is', null);
  return q.execute();
}

export async function recordAudit(db: DB, row: Audit): Promise<void> {
  await db.insertInto('official_audit').values(row).execute();
}

export async function listAudit(db: DB): Promise<AuditRow[]> {
  return db.selectFrom('official_audit').selectAll().orderBy('id').execute();
}

/** Makes the account the official of a unit (a new row, or the account's existing one granted again); returns the row. */
export async function upsertGrant(
  db: DB,
  g: { channel: string; accountId: string; unitCode: string; name: string | null; source: 'file' | 'code'; fileHash?: string | null; grantedBy: string; at: number },
): Promise<OfficialRow> {
  const fields = {
    unit_code: g.unitCode,
    name: g.name,
    source: g.source,
    granted_by: g.grantedBy,
    granted_at: g.at,
    revoked_at: null,
    revoked_by: null,
    ...(g.fileHash !== undefined ? { file_hash: g.fileHash } : {}),
  };
  return db
    .insertInto('officials')
    .values({ channel: g.channel, account_id: g.accountId, file_hash: null, ...fields })
    .onConflict((oc) => oc.columns(['channel', 'account_id']).doUpdateSet(fields))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Revokes an active grant; undefined when the id is unknown or already revoked (a second revocation changes nothing). */
export async function revokeGrant(db: DB, id: number, by: string, at: number): Promise<OfficialRow | undefined> {
  return db.updateTable('officials').set({ revoked_at: at, revoked_by: by }).where('id', '=', id).where('revoked_at', 'is', null).returningAll().executeTakeFirst();
}

export async function insertCode(db: DB, row: Insertable<Database['official_codes']>): Promise<void> {
  await db.insertInto('official_codes').values(row).execute();
}

export async function findCode(db: DB, hash: string): Promise<CodeRow | undefined> {
  return db.selectFrom('official_codes').selectAll().where('code_hash', '=', hash).executeTakeFirst();
}

/** The single use of a code: only one caller moves it from unused (and unexpired) to used. True when this call won. */
export async function useCode(db: DB, hash: string, usedBy: string, at: number): Promise<boolean> {
  const r = await db
    .updateTable('official_codes')
    .set({ used_at: at, used_by: usedBy })
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function linkCodeToOfficial(db: DB, hash: string, officialId: number): Promise<void> {
  await db.updateTable('official_codes').set({ official_id: officialId }).where('code_hash', '=', hash).execute();
}

/** Codes still waiting to be used. */
export async function openCodes(db: DB, at: number): Promise<CodeRow[]> {
  return db.selectFrom('official_codes').selectAll().where('used_at', 'is', null).where('expires_at', '>', at).orderBy('created_at').execute();
}

/** Codes `createdBy` handed out that have been used since they were last told; marks them told. */
export async function takeUntoldUses(db: DB, createdBy: string, at: number): Promise<CodeRow[]> {
  const rows = await db
    .selectFrom('official_codes')
    .selectAll()
    .where('created_by', '=', createdBy)
    .where('grantor_told_at', 'is', null)
    .where('used_at', 'is not', null)
    .orderBy('used_at')
    .execute();
  if (rows.length === 0) return [];
  await db
    .updateTable('official_codes')
    .set({ grantor_told_at: at })
    .where('code_hash', 'in', rows.map((r) => r.code_hash))
    .execute();
  return rows;
}

/** The grantor was told of this use (a message recorded for their chat). */
export async function markGrantorTold(db: DB, codeHash: string, at: number): Promise<void> {
  await db.updateTable('official_codes').set({ grantor_told_at: at }).where('code_hash', '=', codeHash).execute();
}

export async function countUnitAnnouncements(db: DB, unitCode: string, day: string): Promise<number> {
  const { n } = await db
    .selectFrom('unit_announcements')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unit_code', '=', unitCode)
    .where('day', '=', day)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Takes announcement number `seq` of the unit's day; false when it is taken (the unique key decides a race). */
export async function claimUnitAnnouncement(db: DB, row: Database['unit_announcements']): Promise<boolean> {
  const r = await db
    .insertInto('unit_announcements')
    .values(row)
    .onConflict((oc) => oc.columns(['unit_code', 'day', 'seq']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}
