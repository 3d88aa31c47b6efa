import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.ts';

// Per-unit totals for the unit leaderboards, kept by triggers on participants: grouping every participant on each
// /bxhxa took 36–110 ms at 300,000 people. Triggers see every write path (registration, /doixa, finished attempts,
// deletion, imports, db:copy) in the writer's own transaction, so the totals stay exact across processes: each change
// is an upsert by code, atomic on both databases. A row whose counts fall to zero is removed, so the table holds
// exactly what the grouped query over participants gives (the copy's table-by-table check relies on it).
// A row's contribution to each of its two units (commune_code, agency_code; codes are unique across both kinds):
// registered people, those with a finished attempt, finished attempts of registered people, and the overall score of
// those with a finished attempt.

const UNIT_COLUMNS = ['commune_code', 'agency_code'] as const;
const WATCHED = ['commune_code', 'agency_code', 'registered_at', 'overall_finished_at', 'overall_score', 'finished_attempts'];
const TOTALS = ['registered', 'participants', 'attempts', 'score_sum'] as const;

/** The contribution of row `r` (old/new) to each total, in TOTALS order. */
function contribution(r: 'old' | 'new'): string[] {
  const reg = `${r}.registered_at is not null`;
  const done = `${reg} and ${r}.overall_finished_at is not null`;
  return [`case when ${reg} then 1 else 0 end`, `case when ${done} then 1 else 0 end`, `case when ${reg} then ${r}.finished_attempts else 0 end`, `case when ${done} then ${r}.overall_score else 0 end`];
}

/** Adds `values` (one SQL expression per total) to the row of `code`, only `when` holds. */
function upsert(code: string, values: string[], when: string): string {
  return `insert into unit_totals (code, ${TOTALS.join(', ')})
    select ${code}, ${values.join(', ')} where ${when}
    on conflict (code) do update set ${TOTALS.map((t) => `${t} = unit_totals.${t} + excluded.${t}`).join(', ')};`;
}

const added = (column: string) => upsert(`new.${column}`, contribution('new'), `new.${column} is not null and new.registered_at is not null`);
const removed = (column: string, unlessSameCode: boolean) =>
  upsert(
    `old.${column}`,
    contribution('old').map((v) => `-(${v})`),
    `old.${column} is not null and old.registered_at is not null${unlessSameCode ? ` and old.${column} is distinct from new.${column}` : ''}`,
  );
/** Same unit before and after: one upsert of the difference. */
const changed = (column: string) => {
  const [o, n] = [contribution('old'), contribution('new')];
  return upsert(`new.${column}`, n.map((v, i) => `(${v}) - (${o[i]})`), `new.${column} is not null and old.${column} is not distinct from new.${column} and (old.registered_at is not null or new.registered_at is not null)`);
};
/** Only the old units can have fallen to zero. */
const emptiedRemoved = `delete from unit_totals where code in (old.commune_code, old.agency_code) and ${TOTALS.map((t) => `${t} = 0`).join(' and ')};`;

// SQLite: one statement per unit and case, each guarded by its WHERE (a trigger body has no IF).
const onInsert = UNIT_COLUMNS.map(added);
const onDelete = [...UNIT_COLUMNS.map((c) => removed(c, false)), emptiedRemoved];
const onUpdate = [...UNIT_COLUMNS.flatMap((c) => [changed(c), removed(c, true), `${upsert(`new.${c}`, contribution('new'), `new.${c} is not null and new.registered_at is not null and old.${c} is distinct from new.${c}`)}`]), emptiedRemoved];
/**
 * PostgreSQL: one upsert of every unit's difference (OLD is null on insert, NEW on delete), in code order: two
 * transactions moving people in opposite directions then lock the same rows in the same order and wait instead of
 * deadlocking. (SQLite has one writer at a time.)
 */
const pgChanges = (() => {
  const [o, n] = [contribution('old'), contribution('new')];
  const rows = [...UNIT_COLUMNS.map((c) => `(old.${c}, ${o.map((v) => `-(${v})`).join(', ')})`), ...UNIT_COLUMNS.map((c) => `(new.${c}, ${n.join(', ')})`)];
  return `insert into unit_totals (code, ${TOTALS.join(', ')})
    select code, ${TOTALS.map((t) => `sum(${t})`).join(', ')} from (values ${rows.join(', ')}) as d (code, ${TOTALS.join(', ')})
    where code is not null group by code having ${TOTALS.map((t) => `sum(${t}) <> 0`).join(' or ')} order by code
    on conflict (code) do update set ${TOTALS.map((t) => `${t} = unit_totals.${t} + excluded.${t}`).join(', ')};`;
})();
const anyWatchedChanged = WATCHED.map((c) => `old.${c} is distinct from new.${c}`).join(' or ');

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const count = pg ? 'bigint' : 'integer';
  await db.schema
    .createTable('unit_totals')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('registered', count, (c) => c.notNull())
    .addColumn('participants', count, (c) => c.notNull())
    .addColumn('attempts', count, (c) => c.notNull())
    .addColumn('score_sum', count, (c) => c.notNull())
    .execute();
  if (pg) {
    await sql.raw(`create function unit_totals_track() returns trigger language plpgsql as $$
      begin
        ${pgChanges}
        if tg_op <> 'INSERT' then ${emptiedRemoved} end if;
        return null;
      end $$`).execute(db);
    await sql.raw(`create trigger unit_totals_insert after insert on participants for each row execute function unit_totals_track()`).execute(db);
    await sql.raw(`create trigger unit_totals_delete after delete on participants for each row execute function unit_totals_track()`).execute(db);
    await sql
      .raw(`create trigger unit_totals_update after update of ${WATCHED.join(', ')} on participants for each row when (${anyWatchedChanged}) execute function unit_totals_track()`)
      .execute(db);
  } else {
    await sql.raw(`create trigger unit_totals_insert after insert on participants begin ${onInsert.join('\n')} end`).execute(db);
    await sql.raw(`create trigger unit_totals_delete after delete on participants begin ${onDelete.join('\n')} end`).execute(db);
    await sql.raw(`create trigger unit_totals_update after update of ${WATCHED.join(', ')} on participants when ${anyWatchedChanged} begin ${onUpdate.join('\n')} end`).execute(db);
  }
  // Backfill: the grouped query the leaderboards ran until now, per unit column (no code is both kinds).
  for (const column of UNIT_COLUMNS) {
    await sql
      .raw(`insert into unit_totals (code, ${TOTALS.join(', ')})
        select ${column}, count(*), count(overall_finished_at), sum(finished_attempts),
          sum(case when overall_finished_at is not null then overall_score else 0 end)
        from participants where ${column} is not null and registered_at is not null group by ${column}
        on conflict (code) do update set ${TOTALS.map((t) => `${t} = unit_totals.${t} + excluded.${t}`).join(', ')}`)
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['unit_totals_insert', 'unit_totals_delete', 'unit_totals_update']) {
    await sql.raw(isPostgres(db) ? `drop trigger ${t} on participants` : `drop trigger ${t}`).execute(db);
  }
  if (isPostgres(db)) await sql.raw('drop function unit_totals_track()').execute(db);
  await db.schema.dropTable('unit_totals').execute();
}
