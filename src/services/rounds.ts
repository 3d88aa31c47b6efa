import { isQuietTime, reminderSettings } from '../core/reminder-slots.ts';
import { reviewDone } from '../core/integrity.ts';
import { awardPrizes, isFinal, prizesOf, rankPage, winnerCount, type Contender } from '../core/round-results.ts';
import type { IndividualResult, Ranked } from '../core/ranking.ts';
import type { Prize, Round } from '../core/types.ts';
import { inTransaction } from '../storage/db.ts';
import { countPerfect } from '../storage/repos/leaderboards.ts';
import { insertRun } from '../storage/repos/reminders.ts';
import {
  activeOfficialAccounts,
  announcedRounds,
  claimRoundAnnouncement,
  countRoundParticipants,
  excludedInRoundAfter,
  hasUnprocessedBefore,
  publishedAt,
  namesOf,
  roundRankingPage,
  roundRankOf,
  storedRank,
  storeRanks,
  type RoundRankingRow,
} from '../storage/repos/round-results.ts';
import type { ServiceDeps } from './deps.ts';
import { openFlagsInRound } from './integrity.ts';
import { identityHash } from './privacy.ts';
import { closeExpiredAttempts } from './quiz.ts';

const PAGE = 200;

export interface RoundWinner {
  rank: number;
  prize: string;
  participantId: number;
  /** Null when the person deleted their data after the close: they keep their place, unnamed. */
  name: string | null;
  /** Agency and/or commune, as registered ("" once deleted). */
  unit: string;
  score: number;
  questionCount: number;
  durationMs: number;
  finishedAt: number;
}

/** A round's results as they stand: final once closed with nothing received before the close left to process. */
export interface RoundResults {
  round: Round;
  /** 1-based position in the campaign's rounds ("/ketquavong 2"). */
  number: number;
  closed: boolean;
  final: boolean;
  /** Updates received before the close still wait to be processed. */
  pending: boolean;
  participants: number;
  /** People whose best attempt was perfect, once the round has closed (the prediction tie-break's target). */
  actualPerfect: number | null;
  prizes: Prize[];
  winners: RoundWinner[];
  /** Organisers and excluded people ranked ahead of the last winner, left out of the prizes. */
  ineligible: number;
  /** Closed and settled, but waiting for the review of its flags (`openFlags` people without a decision). */
  reviewing: boolean;
  openFlags: number;
  /** When the review ends at the latest (the close + `results.review_days`). */
  reviewUntil: number;
  /** People of the round excluded after its results were published: corrections. */
  corrections: RoundCorrection[];
}

export interface RoundCorrection {
  participantId: number;
  name: string | null;
  unit: string;
  score: number;
  reason: string;
  decidedAt: number;
}

export interface RoundStatus {
  round: Round;
  number: number;
  closed: boolean;
  final: boolean;
  reviewing: boolean;
  openFlags: number;
  reviewUntil: number;
}

export interface RoundsService {
  /** The round's results, or undefined for an unknown round id. */
  results(roundId: string): Promise<RoundResults | undefined>;
  /** Every round, whether it has closed and whether its results are final. */
  statuses(): Promise<RoundStatus[]>;
  /** A person's rank in a round (deleted people stay ranked), null without a finished attempt in it. */
  rankOf(roundId: string, participantId: number): Promise<number | null>;
  /** Writes the round's whole ranking, page by page (its announcement's fan-out, once the results are final). */
  freezeRanks(roundId: string): Promise<void>;
  /** The rank written by freezeRanks, else counted now. */
  frozenRankOf(roundId: string, participantId: number): Promise<number | null>;
  /**
   * When the campaign announces results: claims the announcement of every round that became final (one row per
   * round, decided by its primary key) and creates its reminder run. Returns the runs this call created.
   */
  claimAnnouncements(): Promise<string[]>;
  /** Names and units as stored now (null name: deleted), so that a message never names someone who deleted their data. */
  namesOf(ids: readonly number[]): Promise<Map<number, { name: string | null; unit: string }>>;
}

export const resultsRunId = (roundId: string) => `kq-${roundId}`;

/** A person's unit as texts print it: agency and/or commune, as registered. */
export const unitLabel = (agencyName: string | null, communeName: string | null) => [agencyName, communeName].filter(Boolean).join(', ');

const unitOf = (r: RoundRankingRow) => (r.deleted ? '' : unitLabel(r.agencyName, r.communeName));

/**
 * Who may win: not the organisers (district and unit officials) nor the campaign's `exclude:` list, matching any of a
 * person's accounts; deleted rows by any of their identity hashes.
 */
export async function eligibilityOf(deps: ServiceDeps): Promise<(r: { accounts: readonly string[]; identityHashes: readonly string[] }) => boolean> {
  const accounts = new Set([...(deps.campaign.results?.exclude ?? []), ...(deps.organisers ?? []), ...(await activeOfficialAccounts(deps.db))]);
  const hashes = new Set(
    [...accounts].map((a) => {
      const at = a.indexOf(':');
      return identityHash(deps.identity.key, a.slice(0, at), a.slice(at + 1));
    }),
  );
  return (r) => !r.accounts.some((a) => accounts.has(a)) && !r.identityHashes.some((h) => hashes.has(h));
}

export function createRoundsService(deps: ServiceDeps): RoundsService {
  const { db, campaign: c } = deps;
  const roundOf = (id: string) => c.rounds.find((r) => r.id === id);
  const numberOf = (round: Round) => c.rounds.indexOf(round) + 1;

  const reviewDays = c.results?.reviewDays ?? 3;

  /**
   * Final once closed, settled (nothing received before the close waits) and reviewed: `results.review_days` after
   * the close, or sooner once none of the round's flagged people is without a decision. The first time a round is
   * seen final is its publication.
   */
  async function finalState(round: Round): Promise<{ closed: boolean; final: boolean; pending: boolean; reviewing: boolean; openFlags: number; reviewUntil: number; publishedAt: number | null }> {
    const now = deps.now();
    const closed = now >= round.closesAt;
    const pending = closed && (await hasUnprocessedBefore(db, round.closesAt));
    const settled = isFinal(round, now, pending);
    const reviewUntil = round.closesAt + reviewDays * 86_400_000;
    const openFlags = settled && now < reviewUntil ? await openFlagsInRound(deps, round.id, round.closesAt) : 0;
    const final = settled && reviewDone(round.closesAt, now, reviewDays, openFlags);
    return { closed, final, pending, reviewing: settled && !final, openFlags, reviewUntil, publishedAt: final ? await publishedAt(db, c.id, round.id, now) : null };
  }

  async function perfectIfClosed(round: Round, closed: boolean): Promise<number | undefined> {
    return closed ? countPerfect(db, round.id) : undefined;
  }

  async function results(roundId: string): Promise<RoundResults | undefined> {
    const round = roundOf(roundId);
    if (!round) return undefined;
    await closeExpiredAttempts(deps);
    const { publishedAt: published, ...state } = await finalState(round);
    const actualPerfect = await perfectIfClosed(round, state.closed);
    const prizes = prizesOf(c, round);
    const eligible = await eligibilityOf(deps);
    // Page through the ranking until every prize has a winner (ineligible people ahead are skipped).
    const contenders: (Contender & { row: RoundRankingRow })[] = [];
    let outcome = awardPrizes(contenders, prizes, actualPerfect);
    for (let offset = 0; outcome.winners.length < winnerCount(prizes); offset += PAGE) {
      const page = await roundRankingPage(db, round.id, actualPerfect, PAGE, offset);
      contenders.push(...page.map((row) => ({ participantId: row.participantId, name: row.name ?? '', score: row.score, durationMs: row.durationMs, finishedAt: row.finishedAt, prediction: row.prediction, eligible: eligible(row), row })));
      outcome = awardPrizes(contenders, prizes, actualPerfect);
      if (page.length < PAGE) break;
    }
    return {
      round,
      number: numberOf(round),
      ...state,
      participants: await countRoundParticipants(db, round.id),
      actualPerfect: actualPerfect ?? null,
      prizes,
      winners: outcome.winners.map(({ rank, prize, entry: { row } }) => ({
        rank,
        prize,
        participantId: row.participantId,
        name: row.deleted ? null : (row.name ?? ''),
        unit: unitOf(row),
        score: row.score,
        questionCount: row.questionCount,
        durationMs: row.durationMs,
        finishedAt: row.finishedAt,
      })),
      ineligible: outcome.leftOut,
      corrections:
        published === null
          ? []
          : (await excludedInRoundAfter(db, round.id, published)).map((e) => ({
              participantId: e.participantId,
              name: e.name,
              unit: e.name === null ? '' : [e.agencyName, e.communeName].filter(Boolean).join(', '),
              score: e.score,
              reason: e.reason,
              decidedAt: e.decidedAt,
            })),
    };
  }

  async function rankOf(roundId: string, participantId: number): Promise<number | null> {
    const round = roundOf(roundId);
    if (!round) return null;
    return roundRankOf(db, round.id, participantId, await perfectIfClosed(round, deps.now() >= round.closesAt));
  }

  return {
    results,
    async statuses() {
      await closeExpiredAttempts(deps);
      const out: RoundStatus[] = [];
      for (const round of c.rounds) {
        const { closed, final, reviewing, openFlags, reviewUntil } = await finalState(round);
        out.push({ round, number: numberOf(round), closed, final, reviewing, openFlags, reviewUntil });
      }
      return out;
    },
    rankOf,
    namesOf: (ids) => namesOf(db, ids),
    async freezeRanks(roundId) {
      const round = roundOf(roundId);
      if (!round) return;
      const actualPerfect = await perfectIfClosed(round, deps.now() >= round.closesAt);
      let last: Ranked<IndividualResult> | undefined;
      for (let offset = 0; ; offset += PAGE) {
        const page = await roundRankingPage(db, round.id, actualPerfect, PAGE, offset);
        const ranked = rankPage(page.map((r) => ({ participantId: r.participantId, name: '', score: r.score, durationMs: r.durationMs, finishedAt: r.finishedAt, prediction: r.prediction })), last, offset + 1, actualPerfect);
        await storeRanks(db, c.id, round.id, ranked.map((r) => ({ participantId: r.entry.participantId, rank: r.rank })));
        last = ranked.at(-1) ?? last;
        if (page.length < PAGE) return;
      }
    },
    async frozenRankOf(roundId, participantId) {
      return (await storedRank(db, c.id, roundId, participantId)) ?? rankOf(roundId, participantId);
    },
    async claimAnnouncements() {
      if (!c.results?.announce) return [];
      const now = deps.now();
      // Nothing automatic goes out in quiet hours: the next sweep after them announces.
      if (isQuietTime(now, c.timezone, reminderSettings(c).quietHours)) return [];
      const done = await announcedRounds(db, c.id);
      const created: string[] = [];
      for (const round of c.rounds) {
        if (done.has(round.id) || now < round.closesAt) continue;
        await closeExpiredAttempts(deps);
        if (!(await finalState(round)).final) continue;
        const runId = resultsRunId(round.id);
        const made = await inTransaction(db, async (tx) => {
          if (!(await claimRoundAnnouncement(tx, { campaign_id: c.id, round_id: round.id, run_id: runId, final_at: now }))) return false;
          await insertRun(tx, { campaign_id: c.id, run_id: runId, kind: 'results', status: 'requested', fire_at: now, valid_until: null, round_id: round.id, created_at: now, updated_at: now });
          return true;
        });
        if (made) created.push(runId);
      }
      return created;
    },
  };
}
