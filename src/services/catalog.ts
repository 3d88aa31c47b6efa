import type { Question, Unit } from '../core/types.ts';
import type { DB } from '../storage/db.ts';
import { syncQuestions, syncUnits } from '../storage/repos/catalog.ts';

/**
 * Brings the database's copy of the unit lists and the question bank up to the files, at start (a unit or question
 * removed from its file stays, inactive; a changed question gets a new version). Returns each question's current
 * stored version id, which the services are then built with.
 */
export async function syncCatalog(deps: { db: DB; now: () => number }, units: readonly Unit[], questions: readonly Question[]): Promise<ReadonlyMap<string, number>> {
  await syncUnits(deps.db, units);
  return syncQuestions(deps.db, questions, deps.now());
}
