import { sql, type Kysely } from 'kysely';
import { identityId, isPostgres } from './dialect.ts';

// Results officials can defend (issue 25). A district official's decision on a flagged person ("hợp lệ" or "loại"),
// every decision kept (the latest per identity hash is in force), by identity hash so that deleting one's data and
// registering again does not launder an exclusion. `participants.excluded` mirrors the decision in force: the boards,
// round results and the reward proposal leave excluded people out, and so do the unit counters below. Verified
// phones (who and when), and who opened a session an attempt was made in (the web door's fallback link).

const UNIT_COLUMNS = ['commune_code', 'agency_code'] as const;
const TOTALS = ['registered', 'participants', 'attempts', 'score_sum'] as const;

/**
 * The unit counters of migration 095, now leaving excluded people out: a row counts when registered and not
 * excluded. `excluded` joins the watched columns, so excluding or re-admitting someone moves their counts.
 */
function triggerSql(counted: (r: string) => string, watched: readonly string[]) {
  const contribution = (r: 'old' | 'new') => {
    const reg = counted(r);
    const done = `${reg} and ${r}.overall_finished_at is not null`;
    return [`case when ${reg} then 1 else 0 end`, `case when ${done} then 1 else 0 end`, `case when ${reg} then ${r}.finished_attempts else 0 end`, `case when ${done} then ${r}.overall_score else 0 end`];
  };
  const upsert = (code: string, values: string[], when: string) => `insert into unit_totals (code, ${TOTALS.join(', ')})
    select ${code}, ${values.join(', ')} where ${when}
    on conflict (code) do update set ${TOTALS.map((t) => `${t} = unit_totals.${t} + excluded.${t}`).join(', ')};`;
  // SQLite: every case as its own guarded statement; the difference is added even when zero (harmless), then
  // emptied rows removed.
  const sqliteUpdate = [
    ...UNIT_COLUMNS.flatMap((c) => {
      const [o, n] = [contribution('old'), contribution('new')];
      return [
        upsert(`new.${c}`, n.map((v, i) => `(${v}) - (${o[i]})`), `new.${c} is not null and old.${c} is not distinct from new.${c}`),
        upsert(`old.${c}`, o.map((v) => `-(${v})`), `old.${c} is not null and old.${c} is distinct from new.${c}`),
        upsert(`new.${c}`, n, `new.${c} is not null and old.${c} is distinct from new.${c}`),
      ];
    }),
  ];
  const emptied = `delete from unit_totals where code in (old.commune_code, old.agency_code) and ${TOTALS.map((t) => `${t} = 0`).join(' and ')};`;
  const [o, n] = [contribution('old'), contribution('new')];
  const rows = [...UNIT_COLUMNS.map((c) => `(old.${c}, ${o.map((v) => `-(${v})`).join(', ')})`), ...UNIT_COLUMNS.map((c) => `(new.${c}, ${n.join(', ')})`)];
  const pg = `insert into unit_totals (code, ${TOTALS.join(', ')})
    select code, ${TOTALS.map((t) => `sum(${t})`).join(', ')} from (values ${rows.join(', ')}) as d (code, ${TOTALS.join(', ')})
    where code is not null group by code having ${TOTALS.map((t) => `sum(${t}) <> 0`).join(' or ')} order by code
    on conflict (code) do update set ${TOTALS.map((t) => `${t} = unit_totals.${t} + excluded.${t}`).join(', ')};`;
  return {
    insert: UNIT_COLUMNS.map((c) => upsert(`new.${c}`, contribution('new'), `new.${c} is not null and ${counted('new')}`)),
    delete: [...UNIT_COLUMNS.map((c) => upsert(`old.${c}`, contribution('old').map((v) => `-(${v})`), `old.${c} is not null and ${counted('old')}`)), emptied],
    update: [...sqliteUpdate, emptied],
    pg,
    emptied,
    changed: watched.map((c) => `old.${c} is distinct from new.${c}`).join(' or '),
  };
}

const WATCHED_BEFORE = ['commune_code', 'agency_code', 'registered_at', 'overall_finished_at', 'overall_score', 'finished_attempts'];

async function installTriggers(db: Kysely<any>, counted: (r: string) => string, watched: readonly string[]): Promise<void> {
  const t = triggerSql(counted, watched);
  for (const name of ['unit_totals_insert', 'unit_totals_delete', 'unit_totals_update']) {
    await sql.raw(isPostgres(db) ? `drop trigger if exists ${name} on participants` : `drop trigger if exists ${name}`).execute(db);
  }
  if (isPostgres(db)) {
    await sql.raw(`create or replace function unit_totals_track() returns trigger language plpgsql as $$
      begin
        ${t.pg}
        if tg_op <> 'INSERT' then ${t.emptied} end if;
        return null;
      end $$`).execute(db);
    await sql.raw(`create trigger unit_totals_insert after insert on participants for each row execute function unit_totals_track()`).execute(db);
    await sql.raw(`create trigger unit_totals_delete after delete on participants for each row execute function unit_totals_track()`).execute(db);
    await sql.raw(`create trigger unit_totals_update after update of ${watched.join(', ')} on participants for each row when (${t.changed}) execute function unit_totals_track()`).execute(db);
  } else {
    await sql.raw(`create trigger unit_totals_insert after insert on participants begin ${t.insert.join('\n')} end`).execute(db);
    await sql.raw(`create trigger unit_totals_delete after delete on participants begin ${t.delete.join('\n')} end`).execute(db);
    await sql.raw(`create trigger unit_totals_update after update of ${watched.join(', ')} on participants when ${t.changed} begin ${t.update.join('\n')} end`).execute(db);
  }
  // Recount from scratch under the new rule.
  await sql`delete from unit_totals`.execute(db);
  for (const column of UNIT_COLUMNS) {
    await sql
      .raw(`insert into unit_totals (code, ${TOTALS.join(', ')})
        select ${column}, count(*), count(overall_finished_at), sum(finished_attempts),
          sum(case when overall_finished_at is not null then overall_score else 0 end)
        from participants where ${column} is not null and ${counted('participants')} group by ${column}
        on conflict (code) do update set ${TOTALS.map((t) => `${t} = unit_totals.${t} + excluded.${t}`).join(', ')}`)
      .execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('participants').addColumn('excluded', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('participants').addColumn('phone_verified_at', 'bigint').execute();
  await db.schema.alterTable('participants').addColumn('phone_verified_by', 'text').execute();
  await db.schema.alterTable('attempts').addColumn('opened_by', 'text').execute();
  await db.schema.alterTable('web_sign_in_tokens').addColumn('issued_by', 'text').execute();
  await db.schema.alterTable('web_sessions').addColumn('opened_by', 'text').execute();
  await db.schema
    .createTable('integrity_decisions')
    .addColumn('id', 'integer', identityId(db))
    .addColumn('identity_hash', 'text', (c) => c.notNull())
    .addColumn('participant_id', 'integer')
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('integrity_decisions_hash').on('integrity_decisions').columns(['identity_hash', 'id']).execute();
  // The flags as last computed (a snapshot the review pages read; recomputed when stale): one row per flag and person.
  await db.schema
    .createTable('integrity_flags')
    .addColumn('flag_key', 'text', (c) => c.notNull())
    .addColumn('participant_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text')
    .addColumn('evidence_json', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('integrity_flags_pk', ['flag_key', 'participant_id'])
    .execute();
  await db.schema.createIndex('integrity_flags_participant').on('integrity_flags').column('participant_id').execute();
  await db.schema.createIndex('integrity_decisions_participant').on('integrity_decisions').columns(['participant_id', 'id']).execute();
  // The overall ranking counts only people not excluded: the index holds only them (queries say `excluded = 0`).
  await db.schema.dropIndex('participants_overall_rank').execute();
  await db.schema
    .createIndex('participants_overall_rank')
    .on('participants')
    .columns(['overall_score desc', 'overall_duration_ms', 'overall_finished_at'])
    .where(sql.ref('excluded'), '=', sql.lit(0))
    .execute();
  // The integrity checks group people by phone and by name within a commune, and registrations by link.
  await db.schema.createIndex('participants_phone').on('participants').column('phone').where('phone', 'is not', null).execute();
  await installTriggers(db, (r) => `${r}.registered_at is not null and ${r}.excluded = 0`, [...WATCHED_BEFORE, 'excluded']);
}

export async function down(db: Kysely<any>): Promise<void> {
  await installTriggers(db, (r) => `${r}.registered_at is not null`, WATCHED_BEFORE);
  await db.schema.dropIndex('participants_phone').execute();
  await db.schema.dropIndex('participants_overall_rank').execute();
  await db.schema.createIndex('participants_overall_rank').on('participants').columns(['overall_score desc', 'overall_duration_ms', 'overall_finished_at']).execute();
  await db.schema.dropTable('integrity_flags').execute();
  await db.schema.dropTable('integrity_decisions').execute();
  for (const [table, column] of [['web_sessions', 'opened_by'], ['web_sign_in_tokens', 'issued_by'], ['attempts', 'opened_by'], ['participants', 'phone_verified_by'], ['participants', 'phone_verified_at'], ['participants', 'excluded']] as const) {
    await db.schema.alterTable(table).dropColumn(column).execute();
  }
}
