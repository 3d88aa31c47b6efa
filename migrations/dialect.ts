import { PostgresAdapter, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// Where SQLite and PostgreSQL need different DDL, migrations ask here. Both accept `bigint` (epoch-ms times; an
// integer on SQLite) and partial indexes (`createIndex(…).where(…)`) as they are; ids differ.

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * An id the database numbers: `integer primary key autoincrement` on SQLite (never reuses a deleted id), an identity
 * column on PostgreSQL (kysely's autoIncrement() would emit MySQL's auto_increment there). "By default", so a copy
 * of existing data can keep its ids.
 */
export function identityId(db: Kysely<any>): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return isPostgres(db) ? (c) => c.primaryKey().generatedByDefaultAsIdentity() : (c) => c.primaryKey().autoIncrement();
}

/** Bytes: `blob` on SQLite, `bytea` on PostgreSQL (both give a Buffer back). */
export function bytesType(db: Kysely<any>): 'blob' | 'bytea' {
  return isPostgres(db) ? 'bytea' : 'blob';
}
