import type { DB } from '../db.ts';
import { unitMemberIds } from './unit-members.ts';

/** Every attempt (of one unit's people, when given), finished or not, oldest first, with who made it (for the officials' workbook). */
export async function listAttemptsForExport(db: DB, unitCode?: string) {
  let q = db
    .selectFrom('attempts as a')
    .innerJoin('participants as p', 'p.id', 'a.participant_id')
    .leftJoin('units as c', 'c.code', 'p.commune_code')
    .leftJoin('units as g', 'g.code', 'p.agency_code')
    .select([
      'a.id as attemptId',
      'p.id as participantId',
      'p.full_name as name',
      'c.name as communeName',
      'g.name as agencyName',
      'p.channel',
      'a.round_id as roundId',
      'a.started_at as startedAt',
      'a.finished_at as finishedAt',
      'a.score',
      'a.question_count as questionCount',
      'a.duration_ms as durationMs',
    ]);
  if (unitCode) q = q.where('p.id', 'in', unitMemberIds(db, unitCode));
  const rows = await q.orderBy('a.started_at').orderBy('a.id').execute();
  return rows.map((r) => ({
    ...r,
    startedAt: Number(r.startedAt),
    finishedAt: r.finishedAt === null ? null : Number(r.finishedAt),
    score: r.score === null ? null : Number(r.score),
    durationMs: r.durationMs === null ? null : Number(r.durationMs),
  }));
}
