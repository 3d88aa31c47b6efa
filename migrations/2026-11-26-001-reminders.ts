import type { Kysely } from 'kysely';

// Frozen once merged. Reminders: one run per slot or announcement, one delivery row per (campaign, run, participant).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reminder_runs')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull()) // slot id "2023-07-24-1900", "m-…" (manual), "tb-…" (announcement)
    .addColumn('kind', 'text', (c) => c.notNull()) // slot | manual | announcement
    .addColumn('status', 'text', (c) => c.notNull()) // pending_confirmation | requested | fanning_out | fanned_out | done | skipped | cancelled
    .addColumn('fire_at', 'bigint', (c) => c.notNull())
    .addColumn('valid_until', 'bigint') // null for announcements: they are not held back
    .addColumn('round_id', 'text')
    .addColumn('text', 'text') // announcement text, sent unchanged
    .addColumn('scope', 'text') // commune code for a commune-level official; null = whole district
    .addColumn('requested_by', 'text') // "telegram:12345"
    .addColumn('skip_reason', 'text')
    .addColumn('cursor', 'integer', (c) => c.notNull().defaultTo(0)) // last participant id fanned out
    .addColumn('targeted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('context_json', 'text') // snapshot taken at fan-out (communes' participation ranks)
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('reminder_runs_pk', ['campaign_id', 'run_id'])
    .execute();
  await db.schema.createIndex('reminder_runs_status').on('reminder_runs').columns(['campaign_id', 'status']).execute();

  await db.schema
    .createTable('reminder_deliveries')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull()) // start | improve | all
    // queued → sending (claimed) → sent | failed | skipped; retry = known not delivered, may be claimed again;
    // unknown = claimed by a worker that died before confirming: never resent.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('claim_token', 'text')
    .addColumn('tries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('reminder_deliveries_pk', ['campaign_id', 'run_id', 'participant_id'])
    .execute();
  await db.schema.createIndex('reminder_deliveries_status').on('reminder_deliveries').columns(['campaign_id', 'run_id', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reminder_deliveries').execute();
  await db.schema.dropTable('reminder_runs').execute();
}
