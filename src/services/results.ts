import { overallRankOf, totals } from '../storage/repos/leaderboards.ts';
import type { ServiceDeps } from './deps.ts';
import { personById, type Person } from './participants.ts';

/** A person's own standing (their /ketqua and the closing message). */
export interface ResultsService {
  /** The person as stored now (scores change after a finished attempt). */
  fresh(personId: number): Promise<Person | undefined>;
  /** 1-based overall rank, or null before a first finished attempt. */
  overallRank(personId: number): Promise<number | null>;
  /** How many people finished at least one attempt. */
  participants(): Promise<number>;
}

export function createResultsService(deps: ServiceDeps): ResultsService {
  return {
    fresh: (personId) => personById(deps, personId),
    overallRank: (personId) => overallRankOf(deps.db, personId),
    participants: async () => (await totals(deps.db)).participated,
  };
}
