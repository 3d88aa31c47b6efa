import type { DB } from '../db.ts';
import { compareAttempts } from '../../core/rules.ts';
import { anonymiseParticipant } from './participants.ts';

/** Attempts of some people, per round (finished or open), and how many are open. */
export async function attemptLoad(db: DB, participantIds: readonly number[]): Promise<{ perRound: Map<string, number>; open: number }> {
  const rows = await db
    .selectFrom('attempts')
    .select((eb) => ['round_id', eb.fn.countAll<number>().as('n'), eb.fn.count<number>('open_marker').as('open')])
    .where('participant_id', 'in', [...participantIds])
    .groupBy('round_id')
    .execute();
  return { perRound: new Map(rows.map((r) => [r.round_id, Number(r.n)])), open: rows.reduce((s, r) => s + Number(r.open), 0) };
}

/** Moves every attempt of `fromId` to `toId`; returns how many. */
export async function moveAttempts(db: DB, fromId: number, toId: number): Promise<number> {
  const r = await db.updateTable('attempts').set({ participant_id: toId }).where('participant_id', '=', fromId).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Recomputes a person's best result of each round (the order of core/rules compareAttempts; the best attempt's
 * prediction) and their overall counters from their finished attempts. The unit totals follow by their triggers.
 */
export async function recomputeResults(db: DB, participantId: number): Promise<void> {
  const finished = await db
    .selectFrom('attempts as a')
    .leftJoin('predictions as p', 'p.attempt_id', 'a.id')
    .select(['a.id', 'a.round_id', 'a.score', 'a.duration_ms', 'a.finished_at', 'p.value as prediction'])
    .where('a.participant_id', '=', participantId)
    .where('a.finished_at', 'is not', null)
    .orderBy('a.id')
    .execute();
  const best = new Map<string, (typeof finished)[number]>();
  const key = (r: (typeof finished)[number]) => ({ score: Number(r.score), durationMs: Number(r.duration_ms), finishedAt: Number(r.finished_at) });
  for (const r of finished) {
    const b = best.get(r.round_id);
    if (!b || compareAttempts(key(r), key(b)) < 0) best.set(r.round_id, r);
  }
  await db.deleteFrom('best_results').where('participant_id', '=', participantId).execute();
  const rows = [...best.values()].map((r) => ({
    participant_id: participantId,
    round_id: r.round_id,
    attempt_id: r.id,
    score: Number(r.score),
    duration_ms: Number(r.duration_ms),
    finished_at: Number(r.finished_at),
    prediction: r.prediction === null ? null : Number(r.prediction),
  }));
  if (rows.length) await db.insertInto('best_results').values(rows).execute();
  await db
    .updateTable('participants')
    .set({
      finished_attempts: finished.length,
      overall_score: rows.reduce((s, r) => s + r.score, 0),
      overall_duration_ms: rows.reduce((s, r) => s + r.duration_ms, 0),
      overall_finished_at: rows.length ? Math.max(...rows.map((r) => r.finished_at)) : null,
    })
    .where('id', '=', participantId)
    .execute();
}

/** People invited by `fromId` count as invited by `toId` (never by themselves). */
export async function repointInvitations(db: DB, fromId: number, toId: number): Promise<void> {
  await db.updateTable('participants').set({ invited_by: toId }).where('invited_by', '=', fromId).where('id', '<>', toId).execute();
  await db.updateTable('participants').set({ invited_by: null }).where('id', '=', toId).where('invited_by', '=', fromId).execute();
  await db.updateTable('invitations').set({ inviter_id: toId }).where('inviter_id', '=', fromId).where('invitee_id', '<>', toId).execute();
  await db.updateTable('invitations').set({ inviter_id: null }).where('invitee_id', '=', toId).where('inviter_id', '=', fromId).execute();
}

/**
 * Leaves a row that another person absorbed (or an unfinished registration another account replaced): forgotten as a
 * deletion would (its accounts already moved), and off every count — not registered, no results. Its rows in
 * reminder logs and the inbox stay as they were.
 */
export async function retireParticipant(db: DB, id: number, at: number): Promise<void> {
  await anonymiseParticipant(db, id, at);
  await db.deleteFrom('best_results').where('participant_id', '=', id).execute();
  await db
    .updateTable('participants')
    .set({ registered_at: null, finished_attempts: 0, overall_score: 0, overall_duration_ms: 0, overall_finished_at: null })
    .where('id', '=', id)
    .execute();
}
