import { describe, expect, it } from 'vitest';
import { compareIndividuals, rankIndividuals, rankMobilisers, rankUnits, type IndividualResult, type UnitResult } from '../../src/core/ranking.ts';

const person = (id: number, score: number, durationMs: number, finishedAt: number, prediction: number | null = null): IndividualResult => ({
  participantId: id,
  name: `P${id}`,
  score,
  durationMs,
  finishedAt,
  prediction,
});

describe('individual ranking', () => {
  it('should order by score, then duration, then finishing time while the round is open', () => {
    const ranked = rankIndividuals([person(1, 8, 300, 10), person(2, 9, 500, 20), person(3, 8, 200, 30), person(4, 8, 200, 5)]);
    expect(ranked.map((r) => r.entry.participantId)).toEqual([2, 4, 3, 1]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
  });

  it('should ignore predictions before the round closes', () => {
    const a = person(1, 10, 300, 10, 999);
    const b = person(2, 10, 200, 10, 5);
    expect(compareIndividuals(a, b)).toBeGreaterThan(0); // b faster
  });

  it('should put the closest prediction first among equal scores once the actual count is known', () => {
    const ranked = rankIndividuals([person(1, 10, 100, 1, 50), person(2, 10, 900, 2, 41), person(3, 10, 50, 3, null), person(4, 9, 10, 4, 40)], 40);
    expect(ranked.map((r) => r.entry.participantId)).toEqual([2, 1, 3, 4]);
  });

  it('should share a rank only when every key is equal', () => {
    const ranked = rankIndividuals([person(1, 7, 100, 5), person(2, 7, 100, 5), person(3, 6, 1, 1)]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 1, 3]);
  });
});

describe('unit ranking', () => {
  const unit = (code: string, participants: number, attempts: number, population: number | null, avg = 5): UnitResult => ({
    code,
    name: `Xã ${code}`,
    population,
    participants,
    registered: participants,
    attempts,
    averageBestScore: avg,
    bestIndividual: null,
  });

  it('should rank by participants, then attempts, then participation per 1,000 inhabitants, then average best score', () => {
    const ranked = rankUnits([unit('a', 10, 12, null), unit('b', 10, 15, null), unit('c', 20, 1, null), unit('d', 10, 15, 1000), unit('e', 10, 15, 1000, 7)]);
    expect(ranked.map((r) => r.entry.code)).toEqual(['c', 'e', 'd', 'b', 'a']);
  });

  it('should leave units nobody from has taken part unranked, after the ranked ones, by name', () => {
    const ranked = rankUnits([unit('z', 0, 0, 500), unit('m', 3, 3, null), unit('b', 0, 0, null)]);
    expect(ranked.map((r) => [r.entry.code, r.rank])).toEqual([['m', 1], ['b', null], ['z', null]]);
    expect(rankUnits([unit('x', 0, 0, null), unit('y', 0, 0, null)]).map((r) => r.rank)).toEqual([null, null]);
  });
});

describe('mobiliser ranking', () => {
  it('should rank by invited people who finished, then by invited people, and leave out people who invited nobody', () => {
    const m = (id: number, invitedFinished: number, invitedTotal: number) => ({ participantId: id, name: `P${id}`, communeName: 'X', invitedFinished, invitedTotal });
    const ranked = rankMobilisers([m(1, 2, 5), m(2, 3, 3), m(3, 2, 7), m(4, 0, 0)]);
    expect(ranked.map((r) => r.entry.participantId)).toEqual([2, 3, 1]);
  });
});
