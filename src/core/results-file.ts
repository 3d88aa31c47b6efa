import { rankUnits, type UnitResult } from './ranking.ts';
import { awardPrizes } from './round-results.ts';
import type { Prize } from './types.ts';

/**
 * A final round's results file (issue 26): everything needed to recompute the round's winners and its unit rankings
 * with the rules of this folder, and nothing that names a person. Published once, when the round is final, with its
 * SHA-256; `npm run results:verify` checks both.
 */
export const RESULTS_FILE_FORMAT = 'cds-quizbot/ket-qua-vong@1';

/** One person of the round: their best attempt, under a pseudonym of this file only. */
export interface ResultsFilePerson {
  /** HMAC of the person with the results key, per round: the same person has another pseudonym in another round's file. */
  id: string;
  commune: string | null;
  agency: string | null;
  score: number;
  questions: number;
  durationMs: number;
  /** Epoch ms. */
  finishedAt: number;
  prediction: number | null;
  /** Finished attempts in the round (the units' "attempts"). */
  attempts: number;
  /** Organisers and accounts the campaign excludes are ranked but win nothing. */
  eligible: boolean;
}

export interface ResultsFileUnit {
  code: string;
  kind: 'commune' | 'agency';
  name: string;
  population: number | null;
  registered: number;
  /** The unit's people a district official excluded (issue 25): counted here, never listed, in no ranking. */
  excluded?: number;
}

export interface ResultsFileWinner {
  rank: number;
  prize: string;
  id: string;
}

export interface ResultsFileUnitRank {
  rank: number | null;
  code: string;
}

/** What a round's results state; the file is this as JSON (serialiseResultsFile). */
export interface ResultsFileClaims {
  /** People whose best attempt was perfect: the prediction tie-break's target. */
  actualPerfect: number;
  winners: ResultsFileWinner[];
  communes: ResultsFileUnitRank[];
  agencies: ResultsFileUnitRank[];
}

export interface ResultsFile extends ResultsFileClaims {
  format: typeof RESULTS_FILE_FORMAT;
  campaign: { id: string; title: string };
  round: { id: string; number: number; name: string; opensAt: number; closesAt: number };
  /** Epoch ms when the file was made. */
  generatedAt: number;
  prizes: Prize[];
  units: ResultsFileUnit[];
  /** In the order of the round's ranking. */
  people: ResultsFilePerson[];
}

export type ResultsFileInput = Omit<ResultsFile, 'format' | keyof ResultsFileClaims>;

/** The unit rankings of one round from its people: participants, attempts, per 1,000 inhabitants, average best, best score. */
function unitRanking(units: readonly ResultsFileUnit[], people: readonly ResultsFilePerson[], kind: 'commune' | 'agency'): ResultsFileUnitRank[] {
  const results: UnitResult[] = units
    .filter((u) => u.kind === kind)
    .map((u) => {
      const members = people.filter((p) => p[kind] === u.code);
      const best = members.reduce<number | null>((m, p) => (m === null || p.score > m ? p.score : m), null);
      return {
        code: u.code,
        name: u.name,
        population: u.population,
        registered: u.registered,
        participants: members.length,
        attempts: members.reduce((n, p) => n + p.attempts, 0),
        averageBestScore: members.length ? members.reduce((n, p) => n + p.score, 0) / members.length : 0,
        bestIndividual: best === null ? null : { name: '', score: best },
      };
    });
  return rankUnits(results).map((r) => ({ rank: r.rank, code: r.entry.code }));
}

/** What the round's people and units give by the rules: the perfect scores, the winners, the unit rankings. */
export function recomputeClaims(input: Pick<ResultsFile, 'prizes' | 'units' | 'people'>): ResultsFileClaims {
  const actualPerfect = input.people.filter((p) => p.score === p.questions).length;
  const contenders = input.people.map((p, i) => ({ ...p, participantId: i, name: '' }));
  const { winners } = awardPrizes(contenders, input.prizes, actualPerfect);
  return {
    actualPerfect,
    winners: winners.map((w) => ({ rank: w.rank, prize: w.prize, id: w.entry.id })),
    communes: unitRanking(input.units, input.people, 'commune'),
    agencies: unitRanking(input.units, input.people, 'agency'),
  };
}

/** The file of a final round: its data and what the rules make of it. */
export function buildResultsFile(input: ResultsFileInput): ResultsFile {
  const { campaign, round, generatedAt, prizes, units, people } = input;
  const claims = recomputeClaims({ prizes, units, people });
  return { format: RESULTS_FILE_FORMAT, campaign, round, generatedAt, prizes, actualPerfect: claims.actualPerfect, winners: claims.winners, communes: claims.communes, agencies: claims.agencies, units, people };
}

/** The file's bytes: JSON, two-space indented, one person per line, LF, UTF-8, a final newline. */
export function serialiseResultsFile(file: ResultsFile): string {
  const { people, ...head } = file;
  const top = JSON.stringify({ ...head, people: [] }, null, 2);
  const rows = people.map((p) => `    ${JSON.stringify(p)}`).join(',\n');
  return `${people.length ? top.replace(/"people": \[\]/u, `"people": [\n${rows}\n  ]`) : top}\n`;
}

/** The first thing a file states that its data does not give. */
export type ResultsDifference =
  | { kind: 'perfect'; stated: number; computed: number }
  | { kind: 'winner'; position: number; stated: ResultsFileWinner | null; computed: ResultsFileWinner | null }
  | { kind: 'unit'; unitKind: 'commune' | 'agency'; position: number; stated: ResultsFileUnitRank | null; computed: ResultsFileUnitRank | null };

const sameWinner = (a: ResultsFileWinner, b: ResultsFileWinner) => a.rank === b.rank && a.prize === b.prize && a.id === b.id;
const sameUnit = (a: ResultsFileUnitRank, b: ResultsFileUnitRank) => a.rank === b.rank && a.code === b.code;

function firstDifference<T>(stated: readonly T[], computed: readonly T[], same: (a: T, b: T) => boolean): { position: number; stated: T | null; computed: T | null } | undefined {
  for (let i = 0; i < Math.max(stated.length, computed.length); i++) {
    const s = stated[i];
    const c = computed[i];
    if (s === undefined || c === undefined || !same(s, c)) return { position: i + 1, stated: s ?? null, computed: c ?? null };
  }
  return undefined;
}

/** Recomputes a file's claims from its data; undefined when everything it states follows from the rules. */
export function recheckResultsFile(file: ResultsFile): ResultsDifference | undefined {
  const computed = recomputeClaims(file);
  if (computed.actualPerfect !== file.actualPerfect) return { kind: 'perfect', stated: file.actualPerfect, computed: computed.actualPerfect };
  const winner = firstDifference(file.winners, computed.winners, sameWinner);
  if (winner) return { kind: 'winner', ...winner };
  for (const unitKind of ['commune', 'agency'] as const) {
    const list = unitKind === 'commune' ? 'communes' : 'agencies';
    const unit = firstDifference(file[list], computed[list], sameUnit);
    if (unit) return { kind: 'unit', unitKind, ...unit };
  }
  return undefined;
}
