import { CompiledQuery, type Compilable, type QueryResult } from 'kysely';
import type { DB } from './db.ts';

// By the database's adapter: a transaction shares it with its database, so a query compiled once serves both.
const compiledByDb = new WeakMap<object, Map<string, CompiledQuery>>();

/**
 * Runs a query that is built and compiled once per database and then reused with new parameters — for the few
 * queries on the answering hot path, where kysely's per-call building cost more than SQLite's work. `params` must be
 * in the order the placeholders appear in the compiled SQL (the order of the builder's values); tests pin it.
 */
export function executePrepared<R>(db: DB, key: string, build: () => Compilable<R>, params: readonly unknown[]): Promise<QueryResult<R>> {
  const adapter = db.getExecutor().adapter;
  let perDb = compiledByDb.get(adapter);
  if (!perDb) compiledByDb.set(adapter, (perDb = new Map()));
  let compiled = perDb.get(key);
  if (!compiled) {
    compiled = build().compile();
    if (compiled.parameters.length !== params.length) throw new Error(`prepared ${key}: ${compiled.parameters.length} placeholders, ${params.length} values`);
    perDb.set(key, compiled);
  }
  return db.executeQuery<R>(CompiledQuery.raw(compiled.sql, [...params]) as CompiledQuery<R>);
}
