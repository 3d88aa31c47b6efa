import { sql, type Kysely } from 'kysely';

// Unit leaderboards aggregate over every participant: keep each person's finished-attempt count on their row and
// cover the aggregate with an index per unit kind, so /bxhxa reads one index instead of joining attempts.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('participants').addColumn('finished_attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`update participants set finished_attempts = (select count(*) from attempts a where a.participant_id = participants.id and a.finished_at is not null)`.execute(db);
  for (const unit of ['commune_code', 'agency_code']) {
    await db.schema
      .createIndex(`participants_${unit}_totals`)
      .on('participants')
      .columns([unit, 'registered_at', 'overall_finished_at', 'overall_score', 'finished_attempts'])
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const unit of ['commune_code', 'agency_code']) await db.schema.dropIndex(`participants_${unit}_totals`).execute();
  await db.schema.alterTable('participants').dropColumn('finished_attempts').execute();
}
