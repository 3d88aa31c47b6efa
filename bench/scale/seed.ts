import { sql } from 'kysely';
import { isPostgres } from '../../migrations/dialect.ts';
import type { DB } from '../../src/storage/db.ts';
import { addMissingAccounts } from '../../src/storage/repos/accounts.ts';

const DAY = 86_400_000;
const ROWS_PER_INSERT = 1000;
const ROWS_PER_TRANSACTION = 50_000;

export interface SeedPlan {
  count: number;
  communes: string[];
  agencies: string[];
  opensAt: number;
  /** Finished attempts go to these rounds in turn (one per person, its best result; counters to match). */
  rounds: string[];
}

/**
 * `count` registered people spread over the communes (a third also in an agency) and 16 days of registrations, each
 * with one finished attempt, its best result, and the counters the boards read (overall result, finished_attempts),
 * so every board ranks everyone. Multi-row inserts in big transactions, through kysely so both databases take the
 * same statements. Setup, not measured. Ids are given; PostgreSQL's identity sequences are moved past them.
 */
export async function seedParticipants(db: DB, plan: SeedPlan): Promise<void> {
  for (let from = 1; from <= plan.count; from += ROWS_PER_TRANSACTION) {
    const to = Math.min(plan.count, from + ROWS_PER_TRANSACTION - 1);
    await db.transaction().execute(async (tx) => {
      for (let a = from; a <= to; a += ROWS_PER_INSERT) {
        const ids = Array.from({ length: Math.min(ROWS_PER_INSERT, to - a + 1) }, (_, i) => a + i);
        const rows = ids.map((id) => person(plan, id));
        await tx.insertInto('participants').values(rows.map((r) => r.participant)).execute();
        await tx.insertInto('attempts').values(rows.map((r) => r.attempt)).execute();
        await tx.insertInto('best_results').values(rows.map((r) => r.best)).execute();
      }
      await addMissingAccounts(tx);
    });
  }
  await afterBulkLoad(db);
}

function person(plan: SeedPlan, id: number) {
  const registered = plan.opensAt + (id % 16) * DAY + (id % 600) * 60_000;
  const round = id % plan.rounds.length;
  const started = Math.max(registered, plan.opensAt + round * 7 * DAY) + 60_000;
  const score = id % 11;
  const duration = 60_000 + ((id * 7919) % 840_000);
  const finished = started + duration;
  const roundId = plan.rounds[round]!;
  return {
    participant: {
      id,
      channel: 'bench',
      external_id: `u${id}`,
      chat_id: `u${id}`,
      full_name: `Người dự thi ${id}`,
      phone: `09${String(id).padStart(8, '0')}`,
      commune_code: plan.communes[id % plan.communes.length]!,
      agency_code: id % 3 === 0 ? plan.agencies[id % plan.agencies.length]! : null,
      consent_at: registered,
      registered_at: registered,
      step: 'ready',
      invite_code: `inv${id}`,
      created_at: registered,
      overall_score: score,
      overall_duration_ms: duration,
      overall_finished_at: finished,
      finished_attempts: 1,
    },
    attempt: { id, participant_id: id, round_id: roundId, started_at: started, deadline_at: started + 15 * 60_000, question_count: 10, finished_at: finished, score, duration_ms: duration },
    best: { participant_id: id, round_id: roundId, attempt_id: id, score, duration_ms: duration, finished_at: finished, prediction: id % 300 },
  };
}

/** Registered people with no result yet (the webhook run's Telegram users: external id = Telegram user id). */
export async function seedTelegramPeople(db: DB, userIds: number[], communes: string[], now: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < userIds.length; i += ROWS_PER_INSERT) {
    const rows = userIds.slice(i, i + ROWS_PER_INSERT).map((u, k) => ({
      channel: 'telegram',
      external_id: String(u),
      chat_id: String(u),
      full_name: `Người thi ${i + k + 1}`,
      commune_code: communes[(i + k) % communes.length]!,
      consent_at: now,
      registered_at: now,
      step: 'ready',
      invite_code: `tg${u}`,
      created_at: now,
    }));
    ids.push(...(await db.insertInto('participants').values(rows).returning('id').execute()).map((r) => r.id));
  }
  await addMissingAccounts(db);
  return ids;
}

/** PostgreSQL: identity sequences past the given ids. Both: fresh planner statistics, as autovacuum/`analyze` would leave them. */
async function afterBulkLoad(db: DB): Promise<void> {
  if (isPostgres(db)) {
    for (const t of ['participants', 'attempts']) {
      await sql`select setval(pg_get_serial_sequence(${t}, 'id'), (select max(id) from ${sql.table(t)}))`.execute(db);
    }
  }
  await sql`analyze`.execute(db);
}
