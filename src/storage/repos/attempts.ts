import type { Compilable, ExpressionBuilder, Selectable } from 'kysely';
import { attemptItem } from '../../core/draw.ts';
import { compareAttempts } from '../../core/rules.ts';
import { inTransaction, locksRows, type DB } from '../db.ts';
import { executePrepared } from '../prepared.ts';
import { keepAttemptFigures } from './integrity.ts';
import type { AttemptItem } from '../../core/types.ts';
import type { Database } from '../schema.ts';

/** An attempt as the quiz sees it (its kept pace is the integrity flags', read by repos/integrity.ts). */
export type AttemptRow = Omit<Selectable<Database['attempts']>, 'fresh_questions' | 'fresh_median_ms' | 'fresh_total_ms' | 'wrong_answers' | 'sheet_key'>;

export async function findOpenAttempt(db: DB, participantId: number): Promise<AttemptRow | undefined> {
  const build = () => db.selectFrom('attempts').selectAll().where('participant_id', '=', 0).where('open_marker', '=', 1);
  return (await executePrepared<AttemptRow>(db, 'findOpenAttempt', build, [participantId, 1])).rows[0];
}

export async function getAttempt(db: DB, attemptId: number): Promise<AttemptRow | undefined> {
  return db.selectFrom('attempts').selectAll().where('id', '=', attemptId).executeTakeFirst();
}

/**
 * Stores a new attempt with its drawn questions in one transaction (two statements, each compiled once: a start is
 * the dearest write of a burst of people pressing "Bắt đầu" at once). The schema allows one open attempt per person:
 * when another request created one first, that attempt is returned instead, with `created` false.
 */
export async function createAttempt(
  db: DB,
  attempt: { participantId: number; roundId: string; startedAt: number; deadlineAt: number; items: { versionId: number; optionOrder: number[] }[] },
): Promise<{ row: AttemptRow; created: boolean }> {
  const n = attempt.items.length;
  try {
    const row = await inTransaction(db, async (tx) => {
      const insertAttempt = () =>
        tx.insertInto('attempts').values({ participant_id: 0, round_id: '', started_at: 0, deadline_at: 0, question_count: 0, open_marker: 1 }).returningAll();
      const { rows } = await executePrepared<AttemptRow>(tx, 'createAttempt', insertAttempt, [attempt.participantId, attempt.roundId, attempt.startedAt, attempt.deadlineAt, n, 1]);
      const created = rows[0]!;
      const insertItems = () =>
        tx.insertInto('attempt_questions').values(Array.from({ length: n }, () => ({ attempt_id: 0, position: 0, question_version_id: 0, option_order: '' })));
      const values = attempt.items.flatMap((it, i) => [created.id, i, it.versionId, it.optionOrder.join(',')]);
      await executePrepared(tx, `createAttemptQuestions${n}`, insertItems, values);
      return created;
    });
    return { row, created: true };
  } catch (err) {
    const open = await findOpenAttempt(db, attempt.participantId);
    if (open) return { row: open, created: false };
    throw err;
  }
}

/**
 * Runs `fn` in one transaction (the caller's, when already in one: an update processed by the inbox) that first locks
 * the person's open attempt row, so two answers of the same person arriving at the same instant (one from the web, one
 * from the chat) run one after the other: the second reads what the first recorded. PostgreSQL: `SELECT … FOR UPDATE`.
 * SQLite has no row locks, and its one writer serialises: the statement is there a no-op update of that row, so the
 * transaction takes the write lock first (waiting out another process's writes with the busy timeout, as the inbox's
 * transactions, which start with an update, do) rather than reading first and failing to upgrade to a writer.
 */
export function withOpenAttemptLocked<T>(db: DB, participantId: number, fn: (tx: DB) => Promise<T>): Promise<T> {
  return inTransaction(db, async (tx) => {
    const build = (): Compilable<unknown> =>
      locksRows(tx)
        ? tx.selectFrom('attempts').select('id').where('participant_id', '=', 0).where('open_marker', '=', 1).forUpdate()
        : tx.updateTable('attempts').set((eb) => ({ open_marker: eb.ref('open_marker') })).where('participant_id', '=', 0).where('open_marker', '=', 1);
    await executePrepared(tx, 'lockOpenAttempt', build, [participantId, 1]);
    return fn(tx);
  });
}

function itemsQuery(db: DB) {
  return db
    .selectFrom('attempt_questions as aq')
    .innerJoin('question_versions as v', 'v.id', 'aq.question_version_id')
    .leftJoin('answers as a', (j) => j.onRef('a.attempt_id', '=', 'aq.attempt_id').onRef('a.position', '=', 'aq.position'))
    .select(['aq.position', 'aq.option_order', 'aq.shown_at', 'v.id as version_id', 'v.question_id', 'v.text', 'v.options_json', 'v.correct_index', 'v.explanation', 'v.source', 'v.source_url', 'a.chosen_index', 'a.is_correct'])
    .orderBy('aq.position');
}

type ItemRow = Awaited<ReturnType<ReturnType<typeof itemsQuery>['execute']>>[number];

export async function getAttemptItems(db: DB, attemptId: number): Promise<AttemptItem[]> {
  const { rows } = await executePrepared<ItemRow>(db, 'getAttemptItems', () => itemsQuery(db).where('aq.attempt_id', '=', 0), [attemptId]);
  return toItems(rows);
}

/**
 * The hot path of answering: a person's open attempt with its first two unanswered questions (the one being answered
 * and the one to show next), in one query. Empty when there is no open attempt or nothing is left unanswered.
 */
export async function openAttemptFrontier(db: DB, participantId: number): Promise<{ attempt: AttemptRow; items: AttemptItem[] } | undefined> {
  const build = () =>
    itemsQuery(db)
      .innerJoin('attempts as t', 't.id', 'aq.attempt_id')
      .select(['t.id', 't.participant_id', 't.round_id', 't.started_at', 't.deadline_at', 't.question_count', 't.finished_at', 't.score', 't.duration_ms', 't.open_marker', 't.prediction_shown_at', 't.opened_by'])
      .where('t.participant_id', '=', 0)
      .where('t.open_marker', '=', 1)
      .where('a.attempt_id', 'is', null)
      .limit(2);
  type Row = Awaited<ReturnType<ReturnType<typeof build>['execute']>>[number];
  const { rows } = await executePrepared<Row>(db, 'openAttemptFrontier', build, [participantId, 1, 2]);
  const first = rows[0];
  if (!first) return undefined;
  const { id, participant_id, round_id, started_at, deadline_at, question_count, finished_at, score, duration_ms, open_marker, prediction_shown_at, opened_by } = first;
  const attempt = { id, participant_id, round_id, started_at, deadline_at, question_count, finished_at, score, duration_ms, open_marker, prediction_shown_at, opened_by };
  return { attempt, items: toItems(rows) };
}

function toItems(rows: ItemRow[]): AttemptItem[] {
  return rows.map((r) => {
    const content = {
      questionId: r.question_id,
      versionId: r.version_id,
      text: r.text,
      options: JSON.parse(r.options_json) as string[],
      correct: r.correct_index,
      explanation: r.explanation,
      source: r.source,
      sourceUrl: r.source_url,
    };
    const answer = r.chosen_index === null ? null : { chosenIndex: r.chosen_index, isCorrect: r.is_correct === 1 };
    return attemptItem(content, r.position, r.option_order.split(',').map(Number), answer, r.shown_at);
  });
}

/** Stamps when a question (or, with 'prediction', the attempt's prediction question) was shown, keeping the earliest. */
export async function markShown(db: DB, attemptId: number, position: number | 'prediction', at: number): Promise<void> {
  if (position === 'prediction') {
    await db
      .updateTable('attempts')
      .set({ prediction_shown_at: at })
      .where('id', '=', attemptId)
      .where((eb) => eb.or([eb('prediction_shown_at', 'is', null), eb('prediction_shown_at', '>', at)]))
      .execute();
    return;
  }
  const build = () =>
    db
      .updateTable('attempt_questions')
      .set({ shown_at: 0 })
      .where('attempt_id', '=', 0)
      .where('position', '=', 0)
      .where((eb) => eb.or([eb('shown_at', 'is', null), eb('shown_at', '>', 0)]));
  await executePrepared(db, 'markShown', build, [at, attemptId, position, at]);
}

/** Records one answer; false when that question of the attempt was already answered (the schema keeps one). */
export async function insertAnswer(
  db: DB,
  answer: { attemptId: number; position: number; chosenIndex: number; isCorrect: boolean; at: number },
): Promise<boolean> {
  const build = () =>
    db
      .insertInto('answers')
      .values({ attempt_id: 0, position: 0, chosen_index: 0, is_correct: 0, answered_at: 0 })
      .onConflict((oc) => oc.columns(['attempt_id', 'position']).doNothing());
  const values = [answer.attemptId, answer.position, answer.chosenIndex, answer.isCorrect ? 1 : 0, answer.at];
  const result = await executePrepared(db, 'insertAnswer', build, values);
  return Number(result.numAffectedRows ?? 0) > 0;
}

/** Records the official whose fallback link opened the session an attempt was made in: the first one stays. */
export async function markAttemptOpenedBy(db: DB, attemptId: number, by: string): Promise<void> {
  await db.updateTable('attempts').set({ opened_by: by }).where('id', '=', attemptId).where('opened_by', 'is', null).execute();
}

export async function countFinishedInRound(db: DB, participantId: number, roundId: string): Promise<number> {
  const build = () =>
    db
      .selectFrom('attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('participant_id', '=', 0)
      .where('round_id', '=', '')
      .where('finished_at', 'is not', null);
  const { rows } = await executePrepared<{ n: number }>(db, 'countFinishedInRound', build, [participantId, roundId]);
  return Number(rows[0]!.n);
}

export async function listFinishedAttempts(db: DB, participantId: number): Promise<AttemptRow[]> {
  return db.selectFrom('attempts').selectAll().where('participant_id', '=', participantId).where('finished_at', 'is not', null).orderBy('id').execute();
}

/**
 * Closes an open attempt (all answered, time up, or contest closed): stores score and duration, and updates the
 * person's best result of the round and overall total. Returns undefined when the attempt was already finished.
 */
export async function finishAttempt(db: DB, attempt: Pick<AttemptRow, 'id' | 'started_at' | 'deadline_at'>, finishedAt: number): Promise<AttemptRow | undefined> {
  const end = Math.min(finishedAt, attempt.deadline_at);
  return inTransaction(db, async (tx) => {
    const done = await tx
      .updateTable('attempts')
      .set((eb) => ({
        finished_at: end,
        duration_ms: end - attempt.started_at,
        open_marker: null,
        score: eb.selectFrom('answers').select(eb.fn.countAll<number>().as('n')).where('attempt_id', '=', attempt.id).where('is_correct', '=', 1),
      }))
      .where('id', '=', attempt.id)
      .where('open_marker', '=', 1)
      .returningAll()
      .executeTakeFirst();
    if (!done) return undefined;
    // Its pace and answer sheet, kept for the integrity flags (read after the update: its row lock keeps late answers out).
    await keepAttemptFigures(tx, [done.id]);
    const candidate = { score: done.score!, durationMs: done.duration_ms!, finishedAt: done.finished_at! };
    const best = await tx.selectFrom('best_results').selectAll().where('participant_id', '=', done.participant_id).where('round_id', '=', done.round_id).executeTakeFirst();
    const improved = !best || compareAttempts(candidate, { score: best.score, durationMs: best.duration_ms, finishedAt: best.finished_at }) < 0;
    if (improved) {
      const values = { attempt_id: done.id, score: candidate.score, duration_ms: candidate.durationMs, finished_at: candidate.finishedAt, prediction: null };
      await tx
        .insertInto('best_results')
        .values({ participant_id: done.participant_id, round_id: done.round_id, ...values })
        .onConflict((oc) => oc.columns(['participant_id', 'round_id']).doUpdateSet(values))
        .execute();
    }
    const ofPerson = (eb: ExpressionBuilder<Database, 'participants'>) => eb.selectFrom('best_results').where('participant_id', '=', done.participant_id);
    await tx
      .updateTable('participants')
      .set((eb) => ({
        finished_attempts: eb('finished_attempts', '+', 1),
        ...(improved
          ? {
              overall_score: ofPerson(eb).select((b) => b.fn.sum<number>('score').as('s')),
              overall_duration_ms: ofPerson(eb).select((b) => b.fn.sum<number>('duration_ms').as('d')),
              overall_finished_at: ofPerson(eb).select((b) => b.fn.max('finished_at').as('f')),
            }
          : {}),
      }))
      .where('id', '=', done.participant_id)
      .execute();
    return done;
  });
}

/** Open attempts whose time ran out before `now` (abandoned or interrupted), oldest first. */
export async function listExpiredOpenAttempts(db: DB, now: number, limit = 1000): Promise<Pick<AttemptRow, 'id' | 'started_at' | 'deadline_at'>[]> {
  return db.selectFrom('attempts').select(['id', 'started_at', 'deadline_at']).where('open_marker', '=', 1).where('deadline_at', '<=', now).orderBy('deadline_at').limit(limit).execute();
}

/** The tie-break prediction given for an attempt, if any. */
export async function getPrediction(db: DB, attemptId: number): Promise<number | undefined> {
  const row = await db.selectFrom('predictions').select('value').where('attempt_id', '=', attemptId).executeTakeFirst();
  return row ? Number(row.value) : undefined;
}

/** Stores the tie-break prediction of a finished attempt (once); false when one was already given. */
export async function insertPrediction(db: DB, attemptId: number, value: number, at: number): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const result = await tx
      .insertInto('predictions')
      .values({ attempt_id: attemptId, value, answered_at: at })
      .onConflict((oc) => oc.column('attempt_id').doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    await tx.updateTable('best_results').set({ prediction: value }).where('attempt_id', '=', attemptId).execute();
    return true;
  });
}
