import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';

/** How many ids one `in (…)` list takes: far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
export const CHUNK = 500;

/** Reads by ids in chunks of CHUNK, so that a list of any length never exceeds a database's parameter limit. */
export async function inChunks<T, R>(ids: readonly T[], read: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await read(ids.slice(i, i + CHUNK))));
  return out;
}

/**
 * `column in (ids)` for ids sorted ascending, with the list's bounds beside it: PostgreSQL then reads a range of the
 * index (given a list of 500 alone it chose to scan all 300,000 rows, in the integrity reads).
 */
export function inSortedIds<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, column: string, ids: readonly number[]): Expression<SqlBool> {
  const ref = sql.ref<number>(column);
  return eb.and([eb(ref, '>=', ids[0]!), eb(ref, '<=', ids[ids.length - 1]!), eb(ref, 'in', [...ids])]);
}
