import { phoneForOfficials, type OfficialPhone } from '../core/phone-visibility.ts';
import { rankMobilisers, rankUnits, type MobiliserResult, type Ranked, type RankedUnit } from '../core/ranking.ts';
import { listAttemptsForExport } from '../storage/repos/exports.ts';
import { mobiliserResults, topIndividuals, unitResults } from '../storage/repos/leaderboards.ts';
import type { ServiceDeps } from './deps.ts';
import { hasOfficials } from './officials.ts';

/** A person in the results workbook, overall rank order; the phone as officials may see it. */
export interface ExportedPerson {
  participantId: number;
  name: string;
  communeName: string | null;
  agencyName: string | null;
  phone: OfficialPhone;
  score: number;
  durationMs: number;
  /** Attempts the person finished, every round together. */
  finishedAttempts: number;
  channel: string;
}

/** One attempt, finished or not, with who made it. */
export interface ExportedAttempt {
  attemptId: number;
  participantId: number;
  /** Null once the person deleted their data. */
  name: string | null;
  communeName: string | null;
  agencyName: string | null;
  channel: string;
  roundId: string;
  startedAt: number;
  finishedAt: number | null;
  score: number | null;
  questionCount: number;
  durationMs: number | null;
}

/** A question of the bank with its answer and source, so officials can show where each fact comes from. */
export interface ExportedQuestion {
  id: string;
  topic: string;
  text: string;
  answer: string;
  source: string;
  sourceUrl: string | null;
}

/**
 * What the officials' results workbook holds (the district's, or one unit's rows only): individuals, communes,
 * agencies, mobilisers, every attempt and the bank's questions. A unit's own row stays ranked among all its peers, and
 * a unit sees only its own kind's units (`communes` or `agencies` absent for the other kind).
 */
export interface ResultsExport {
  /** When the data was read: the workbook's creation time and the "exported at" of its print header. */
  exportedAt: number;
  individuals: ExportedPerson[];
  communes?: RankedUnit[];
  agencies?: RankedUnit[];
  mobilisers: Ranked<MobiliserResult>[];
  attempts: ExportedAttempt[];
  questions: ExportedQuestion[];
}

export interface ExportsService {
  /**
   * The results workbook's data; one unit's rows only when `unitCode` is given, and then it must be a commune's or an
   * agency's code: anything else (an empty string) is refused, never read as the whole district. Reads everything
   * once: a few seconds and some tens of MB at 100,000 participants.
   */
  results(unitCode?: string): Promise<ResultsExport>;
}

export function createExportsService(deps: ServiceDeps): ExportsService {
  const { db } = deps;
  const unitsOf = async (kind: 'commune' | 'agency', unitCode?: string) => rankUnits(await unitResults(db, kind)).filter((r) => !unitCode || r.entry.code === unitCode);
  return {
    async results(unitCode) {
      if (unitCode !== undefined && !deps.units.some((u) => hasOfficials(u) && u.code === unitCode)) throw new Error(`results workbook of an unknown unit: "${unitCode}"`);
      const exportedAt = deps.now();
      const kind = unitCode ? deps.units.find((u) => u.code === unitCode)?.kind : undefined;
      const attempts = await listAttemptsForExport(db, unitCode);
      const finishedBy = new Map<number, number>();
      for (const a of attempts) if (a.finishedAt !== null) finishedBy.set(a.participantId, (finishedBy.get(a.participantId) ?? 0) + 1);
      const people = await topIndividuals(db, { limit: 1_000_000, ...(unitCode ? { unitCode } : {}) });
      return {
        exportedAt,
        individuals: people.map((p) => ({
          participantId: p.participantId,
          name: p.name,
          communeName: p.communeName,
          agencyName: p.agencyName,
          phone: phoneForOfficials(p, deps.campaign.privacy),
          score: p.score,
          durationMs: p.durationMs,
          finishedAttempts: finishedBy.get(p.participantId) ?? 0,
          channel: p.channel,
        })),
        ...(kind !== 'agency' ? { communes: await unitsOf('commune', unitCode) } : {}),
        ...(kind !== 'commune' ? { agencies: await unitsOf('agency', unitCode) } : {}),
        mobilisers: rankMobilisers(await mobiliserResults(db, 1_000_000, unitCode)),
        attempts,
        questions: deps.questions.map((q) => ({ id: q.id, topic: q.topic, text: q.text, answer: q.options[q.correct]!, source: q.source, sourceUrl: q.sourceUrl ?? null })),
      };
    },
  };
}
