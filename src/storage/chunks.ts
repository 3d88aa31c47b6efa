/** How many ids one `in (…)` list takes: far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
export const CHUNK = 500;

/** Reads by ids in chunks of CHUNK, so that a list of any length never exceeds a database's parameter limit. */
export async function inChunks<T, R>(ids: readonly T[], read: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await read(ids.slice(i, i + CHUNK))));
  return out;
}
