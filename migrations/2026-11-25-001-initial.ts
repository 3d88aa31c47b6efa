import type { Kysely } from 'kysely';
import { identityId } from './dialect.ts';

// Frozen once merged: a schema change is a new migration file (edits only where the two dialects differ; the SQLite
// schema stays byte-identical, tests/storage/sqlite-schema.test.ts). Times are epoch milliseconds (bigint).
export async function up(db: Kysely<any>): Promise<void> {
  const id = identityId(db);
  await db.schema
    .createTable('units')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull()) // commune | agency
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_group', 'text', (c) => c.notNull())
    .addColumn('population', 'integer')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('participants')
    .addColumn('id', 'integer', id)
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text')
    .addColumn('full_name', 'text')
    .addColumn('phone', 'text')
    .addColumn('commune_code', 'text', (c) => c.references('units.code'))
    .addColumn('agency_code', 'text', (c) => c.references('units.code'))
    .addColumn('consent_at', 'bigint')
    .addColumn('registered_at', 'bigint')
    .addColumn('step', 'text', (c) => c.notNull()) // where registration or a dialogue stands
    .addColumn('step_data', 'text') // small JSON for the current step (e.g. pending confirmation)
    .addColumn('invite_code', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'integer', (c) => c.references('participants.id'))
    .addColumn('joined_via_unit', 'text', (c) => c.references('units.code'))
    .addColumn('reminders_off', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unreachable', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deleted_at', 'bigint')
    .addColumn('overall_score', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('overall_duration_ms', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('overall_finished_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('participants_channel_external', ['channel', 'external_id'])
    .execute();
  for (const unit of ['commune_code', 'agency_code']) {
    await db.schema
      .createIndex(`participants_${unit}_best`)
      .on('participants')
      .columns([unit, 'overall_score desc', 'overall_duration_ms', 'overall_finished_at'])
      .execute();
  }
  await db.schema.createIndex('participants_invited_by').on('participants').columns(['invited_by']).execute();
  await db.schema
    .createIndex('participants_overall_rank')
    .on('participants')
    .columns(['overall_score desc', 'overall_duration_ms', 'overall_finished_at'])
    .execute();

  await db.schema
    .createTable('question_versions')
    .addColumn('id', 'integer', id)
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('difficulty', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('options_json', 'text', (c) => c.notNull())
    .addColumn('correct_index', 'integer', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('question_versions_id_hash', ['question_id', 'content_hash'])
    .execute();

  await db.schema
    .createTable('attempts')
    .addColumn('id', 'integer', id)
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id'))
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('deadline_at', 'bigint', (c) => c.notNull())
    .addColumn('question_count', 'integer', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('score', 'integer')
    .addColumn('duration_ms', 'bigint')
    // 1 while the attempt is open, NULL once finished: NULLs never collide, so a person has at most one open attempt.
    .addColumn('open_marker', 'integer')
    .addUniqueConstraint('attempts_one_open', ['participant_id', 'open_marker'])
    .execute();
  await db.schema.createIndex('attempts_participant_round').on('attempts').columns(['participant_id', 'round_id']).execute();
  await db.schema.createIndex('attempts_open_deadline').on('attempts').columns(['open_marker', 'deadline_at']).execute();

  await db.schema
    .createTable('attempt_questions')
    .addColumn('attempt_id', 'integer', (c) => c.notNull().references('attempts.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('question_version_id', 'integer', (c) => c.notNull().references('question_versions.id'))
    .addColumn('option_order', 'text', (c) => c.notNull()) // "2,0,3,1": shown position → original option index
    .addPrimaryKeyConstraint('attempt_questions_pk', ['attempt_id', 'position'])
    .addUniqueConstraint('attempt_questions_once', ['attempt_id', 'question_version_id'])
    .execute();

  await db.schema
    .createTable('answers')
    .addColumn('attempt_id', 'integer', (c) => c.notNull().references('attempts.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('chosen_index', 'integer', (c) => c.notNull()) // original option index
    .addColumn('is_correct', 'integer', (c) => c.notNull())
    .addColumn('answered_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('answers_pk', ['attempt_id', 'position'])
    .execute();

  await db.schema
    .createTable('predictions')
    .addColumn('attempt_id', 'integer', (c) => c.primaryKey().references('attempts.id'))
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('answered_at', 'bigint', (c) => c.notNull())
    .execute();

  // The best finished attempt of each person in each round: what rankings read.
  await db.schema
    .createTable('best_results')
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id'))
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('attempt_id', 'integer', (c) => c.notNull().references('attempts.id'))
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('duration_ms', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint', (c) => c.notNull())
    .addColumn('prediction', 'integer')
    .addPrimaryKeyConstraint('best_results_pk', ['participant_id', 'round_id'])
    .execute();
  await db.schema
    .createIndex('best_results_rank')
    .on('best_results')
    .columns(['round_id', 'score desc', 'duration_ms', 'finished_at'])
    .execute();

  await db.schema
    .createTable('invitations')
    .addColumn('invitee_id', 'integer', (c) => c.primaryKey().references('participants.id'))
    .addColumn('inviter_id', 'integer', (c) => c.references('participants.id'))
    .addColumn('unit_code', 'text', (c) => c.references('units.code'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  // Idempotency of inbound chat updates (Telegram update_id, Zalo message_id).
  await db.schema
    .createTable('processed_events')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('processed_events_pk', ['channel', 'event_id'])
    .execute();

}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['processed_events', 'invitations', 'best_results', 'predictions', 'answers', 'attempt_questions', 'attempts', 'question_versions', 'participants', 'units']) {
    await db.schema.dropTable(t).execute();
  }
}
