import type { DB } from '../db.ts';

export interface LeaseClaim {
  key: string;
  holder: string;
  now: number;
  ttlMs: number;
}

/**
 * Takes or renews a lease in one statement: inserted when there is no row; updated only when `holder` already holds
 * it or it has expired. The database decides between processes asking at once (the primary key, then the row lock of
 * the conflicting row, whose condition PostgreSQL re-checks after waiting). True when `holder` holds it afterwards.
 */
export async function claimLease(db: DB, { key, holder, now, ttlMs }: LeaseClaim): Promise<boolean> {
  const row = await db
    .insertInto('polling_leases')
    .values({ key, holder, expires_at: now + ttlMs, acquired_at: now })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet((eb) => ({
          holder: eb.ref('excluded.holder'),
          expires_at: eb.ref('excluded.expires_at'),
          // A renewal keeps the time the holder took it; a take-over starts it afresh.
          acquired_at: eb.case().when('polling_leases.holder', '=', holder).then(eb.ref('polling_leases.acquired_at')).else(eb.ref('excluded.acquired_at')).end(),
        }))
        .where((eb) => eb.or([eb('polling_leases.holder', '=', holder), eb('polling_leases.expires_at', '<=', now)])),
    )
    .returning('holder')
    .executeTakeFirst();
  return row?.holder === holder;
}

export async function findLease(db: DB, key: string): Promise<{ holder: string; expiresAt: number; acquiredAt: number } | undefined> {
  const row = await db.selectFrom('polling_leases').select(['holder', 'expires_at', 'acquired_at']).where('key', '=', key).executeTakeFirst();
  return row && { holder: row.holder, expiresAt: Number(row.expires_at), acquiredAt: Number(row.acquired_at) };
}

/** Gives the lease up (a clean shutdown), only if `holder` still holds it. */
export async function releaseLease(db: DB, key: string, holder: string): Promise<boolean> {
  const result = await db.deleteFrom('polling_leases').where('key', '=', key).where('holder', '=', holder).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
