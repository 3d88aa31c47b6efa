import { compareAttempts, type ResultKey } from './rules.ts';

export interface IndividualResult extends ResultKey {
  participantId: number;
  name: string;
  prediction: number | null;
}

export interface Ranked<T> {
  rank: number;
  entry: T;
}

/**
 * Ranks individuals of one round (or overall): score ↓, then — only once the round has closed and the actual number
 * of perfect scores is known — |prediction − actual| ↑ (no prediction ranks last on that key), then duration ↑, then
 * finishing time ↑. The storage layer's ORDER BY mirrors this; a test keeps the two in step.
 */
export function compareIndividuals(a: IndividualResult, b: IndividualResult, actualPerfect?: number): number {
  if (a.score !== b.score) return b.score - a.score;
  if (actualPerfect !== undefined) {
    const gap = predictionGap(a.prediction, actualPerfect) - predictionGap(b.prediction, actualPerfect);
    if (gap !== 0) return gap;
  }
  return compareAttempts(a, b);
}

/** Distance of a prediction from the actual count; a missing prediction is worse than any given one. */
export function predictionGap(prediction: number | null, actual: number): number {
  return prediction === null ? Number.MAX_SAFE_INTEGER : Math.abs(prediction - actual);
}

export function rankIndividuals<T extends IndividualResult>(results: readonly T[], actualPerfect?: number): Ranked<T>[] {
  const sorted = [...results].sort((a, b) => compareIndividuals(a, b, actualPerfect));
  return withRanks(sorted, (a, b) => compareIndividuals(a, b, actualPerfect) === 0);
}

export interface UnitResult {
  code: string;
  name: string;
  population: number | null;
  /** People with at least one finished attempt. */
  participants: number;
  registered: number;
  attempts: number;
  /** Average of participants' best scores (overall), 0 when none. */
  averageBestScore: number;
  bestIndividual: { name: string; score: number } | null;
}

/** Participants per 1,000 inhabitants, or null when the population is unknown. */
export function perThousand(unit: Pick<UnitResult, 'participants' | 'population'>): number | null {
  return unit.population ? (unit.participants * 1000) / unit.population : null;
}

/** Units: participants ↓, attempts ↓, participants per 1,000 inhabitants ↓ (unknown last), average best ↓, best individual ↓. */
export function compareUnits(a: UnitResult, b: UnitResult): number {
  const pa = perThousand(a) ?? -1;
  const pb = perThousand(b) ?? -1;
  return (
    b.participants - a.participants ||
    b.attempts - a.attempts ||
    pb - pa ||
    b.averageBestScore - a.averageBestScore ||
    (b.bestIndividual?.score ?? -1) - (a.bestIndividual?.score ?? -1)
  );
}

/** A unit on a board: `rank` is null for a unit nobody from has taken part yet (listed after the ranked ones). */
export interface RankedUnit {
  rank: number | null;
  entry: UnitResult;
}

/** Ranks the units with participants (compareUnits, ties share a rank); the others follow unranked, by name. */
export function rankUnits(units: readonly UnitResult[]): RankedUnit[] {
  const byName = (a: UnitResult, b: UnitResult) => a.name.localeCompare(b.name, 'vi');
  const sorted = units.filter((u) => u.participants > 0).sort((a, b) => compareUnits(a, b) || byName(a, b));
  const unranked = units.filter((u) => u.participants === 0).sort(byName);
  return [...withRanks(sorted, (a, b) => compareUnits(a, b) === 0), ...unranked.map((entry) => ({ rank: null, entry }))];
}

export interface MobiliserResult {
  participantId: number;
  name: string;
  communeName: string;
  /** People they invited who finished at least one attempt. */
  invitedFinished: number;
  invitedTotal: number;
}

export function compareMobilisers(a: MobiliserResult, b: MobiliserResult): number {
  return b.invitedFinished - a.invitedFinished || b.invitedTotal - a.invitedTotal;
}

export function rankMobilisers(rows: readonly MobiliserResult[]): Ranked<MobiliserResult>[] {
  const sorted = [...rows].filter((r) => r.invitedTotal > 0).sort((a, b) => compareMobilisers(a, b) || a.name.localeCompare(b.name, 'vi'));
  return withRanks(sorted, (a, b) => compareMobilisers(a, b) === 0);
}

/** Assigns competition ranks (1, 2, 2, 4) to an already sorted list. */
export function withRanks<T>(sorted: readonly T[], tied: (a: T, b: T) => boolean): Ranked<T>[] {
  const out: Ranked<T>[] = [];
  sorted.forEach((entry, i) => {
    const prev = out[i - 1];
    const rank = prev && tied(prev.entry, entry) ? prev.rank : i + 1;
    out.push({ rank, entry });
  });
  return out;
}
