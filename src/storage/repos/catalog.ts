import { createHash } from 'node:crypto';
import type { Question, Unit } from '../../core/types.ts';
import { inTransaction, type DB } from '../db.ts';

/** Writes the unit lists into the database; units missing from the files are kept but marked inactive (codes never change once used). */
export async function syncUnits(db: DB, units: readonly Unit[]): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.updateTable('units').set({ active: 0 }).execute();
    for (const u of units) {
      const row = { kind: u.kind, name: u.name, unit_group: u.group, population: u.population, parent_code: u.parent ?? null, active: 1 };
      await tx
        .insertInto('units')
        .values({ code: u.code, ...row })
        .onConflict((oc) => oc.column('code').doUpdateSet(row))
        .execute();
    }
  });
}

/** What a person sees of a question; a question without a source URL hashes as it did before URLs existed. */
export function contentHash(q: Question): string {
  const shown = [q.topic, q.difficulty, q.text, q.options, q.correct, q.explanation, q.source, ...(q.sourceUrl ? [q.sourceUrl] : [])];
  return createHash('sha256')
    .update(JSON.stringify(shown))
    .digest('base64url')
    .slice(0, 22);
}

/**
 * Stores the bank as question versions. A changed question gets a new version row; attempts keep pointing at the
 * version they showed, so old answers stay scored against what the person saw. Returns question id → version id.
 */
export async function syncQuestions(db: DB, questions: readonly Question[], now: number): Promise<Map<string, number>> {
  return inTransaction(db, async (tx) => {
    await tx.updateTable('question_versions').set({ active: 0 }).execute();
    const ids = new Map<string, number>();
    for (const q of questions) {
      const hash = contentHash(q);
      await tx
        .insertInto('question_versions')
        .values({
          question_id: q.id,
          content_hash: hash,
          topic: q.topic,
          difficulty: q.difficulty,
          text: q.text,
          options_json: JSON.stringify(q.options),
          correct_index: q.correct,
          explanation: q.explanation,
          source: q.source,
          source_url: q.sourceUrl ?? null,
          active: 1,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['question_id', 'content_hash']).doUpdateSet({ active: 1 }))
        .execute();
      const row = await tx
        .selectFrom('question_versions')
        .select('id')
        .where('question_id', '=', q.id)
        .where('content_hash', '=', hash)
        .executeTakeFirstOrThrow();
      ids.set(q.id, row.id);
    }
    return ids;
  });
}
