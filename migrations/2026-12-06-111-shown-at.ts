import { sql, type Kysely } from 'kysely';

// When each question was shown (issue 18): the start of the platform call that delivered the message carrying it, on
// the bot's clock, kept at its earliest value; the tie-break prediction question of an attempt likewise. A typed
// answer counts only when it was received at or after that time. What was on people's screens before this version is
// not known: the current question of every open attempt, and the prediction question of every finished attempt,
// count as shown at 0 (any answer counts, as before).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('attempt_questions').addColumn('shown_at', 'bigint').execute();
  await db.schema.alterTable('attempts').addColumn('prediction_shown_at', 'bigint').execute();
  await sql`
    update attempt_questions set shown_at = 0
    where attempt_id in (select id from attempts where open_marker = 1)
      and position = (
        select min(q.position) from attempt_questions q
        where q.attempt_id = attempt_questions.attempt_id
          and not exists (select 1 from answers a where a.attempt_id = q.attempt_id and a.position = q.position)
      )`.execute(db);
  await sql`update attempts set prediction_shown_at = 0 where finished_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('attempts').dropColumn('prediction_shown_at').execute();
  await db.schema.alterTable('attempt_questions').dropColumn('shown_at').execute();
}
