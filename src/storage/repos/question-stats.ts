import type { DB } from '../db.ts';

/** Every question version drawn at least once, with answer counts (portable SQL: joins, count, sum of case). */
export async function versionStats(db: DB) {
  const rows = await db
    .selectFrom('attempt_questions as aq')
    .innerJoin('question_versions as v', 'v.id', 'aq.question_version_id')
    .leftJoin('answers as a', (j) => j.onRef('a.attempt_id', '=', 'aq.attempt_id').onRef('a.position', '=', 'aq.position'))
    .select((eb) => [
      'v.id',
      'v.question_id',
      'v.active',
      'v.text',
      'v.options_json',
      'v.correct_index',
      eb.fn.count<number>('aq.attempt_id').as('drawn'),
      eb.fn.count<number>('a.attempt_id').as('answered'),
      eb.fn.sum<number>(eb.case().when('a.is_correct', '=', 1).then(1).else(0).end()).as('correct'),
    ])
    .groupBy(['v.id', 'v.question_id', 'v.active', 'v.text', 'v.options_json', 'v.correct_index'])
    .orderBy('v.question_id')
    .orderBy('v.id')
    .execute();
  return rows.map((r) => ({
    versionId: r.id,
    questionId: r.question_id,
    active: r.active === 1,
    text: r.text,
    options: JSON.parse(r.options_json) as string[],
    correctIndex: r.correct_index,
    drawn: Number(r.drawn),
    answered: Number(r.answered),
    correct: Number(r.correct ?? 0),
  }));
}

/** How often each wrong option (original index) of each version was chosen. */
export async function wrongChoiceCounts(db: DB): Promise<{ versionId: number; chosenIndex: number; count: number }[]> {
  const rows = await db
    .selectFrom('answers as a')
    .innerJoin('attempt_questions as aq', (j) => j.onRef('aq.attempt_id', '=', 'a.attempt_id').onRef('aq.position', '=', 'a.position'))
    .select((eb) => ['aq.question_version_id', 'a.chosen_index', eb.fn.countAll<number>().as('n')])
    .where('a.is_correct', '=', 0)
    .groupBy(['aq.question_version_id', 'a.chosen_index'])
    .execute();
  return rows.map((r) => ({ versionId: r.question_version_id, chosenIndex: r.chosen_index, count: Number(r.n) }));
}
