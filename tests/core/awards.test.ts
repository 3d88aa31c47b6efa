import { describe, expect, it } from 'vitest';
import {
  DEFAULT_AWARD_WEIGHTS,
  countMobilisersAhead,
  normalise,
  nthEarliest,
  proposeCollectives,
  scorePeerGroup,
  type CollectiveFigures,
} from '../../src/core/awards.ts';

const DAY = 86_400_000;
const window = { opensAt: 0, closesAt: 28 * DAY };
const unit = (name: string, f: Partial<CollectiveFigures> = {}): CollectiveFigures => ({
  code: name,
  name,
  base: 1000,
  registered: 10,
  participants: 10,
  earlyReachedAt: DAY,
  viaLink: 0,
  averageScore: 20,
  ...f,
});
const only = (criterion: keyof typeof DEFAULT_AWARD_WEIGHTS) =>
  Object.fromEntries(Object.keys(DEFAULT_AWARD_WEIGHTS).map((k) => [k, k === criterion ? 1 : 0])) as typeof DEFAULT_AWARD_WEIGHTS;

describe('normalise', () => {
  it('should map the smallest to 0 and the largest to 100, linearly', () => {
    expect(normalise([10, 20, 30])).toEqual([0, 50, 100]);
  });
  it('should give everyone 100 when all are equal', () => {
    expect(normalise([7, 7, 7])).toEqual([100, 100, 100]);
    expect(normalise([0])).toEqual([100]);
  });
  it('should reverse the scale when lower is better', () => {
    expect(normalise([1, 3, 5], true)).toEqual([100, 50, 0]);
  });
});

describe('scorePeerGroup', () => {
  it('should weight the normalised criteria and rank by the weighted mean', () => {
    const group = scorePeerGroup(
      [unit('Xã A', { participants: 30, registered: 30 }), unit('Xã B', { participants: 10, registered: 40 }), unit('Xã C', { participants: 20, registered: 20 })],
      { ...only('participants'), completion: 1 },
      window,
      true,
    );
    expect(group.used).toEqual(['participants', 'completion']);
    expect(group.dropped).toEqual([]);
    expect(group.ranked.map((r) => [r.rank, r.figures.name, r.total])).toEqual([
      [1, 'Xã A', 100],
      [2, 'Xã C', 75],
      [3, 'Xã B', 0],
    ]);
    expect(group.ranked[1]!.points).toEqual({ participants: 50, completion: 100 });
  });

  it('should drop a criterion some peers lack for the whole group and name those peers', () => {
    const group = scorePeerGroup(
      [unit('Xã A', { base: 500, participants: 50 }), unit('Xã B', { base: null, participants: 5 }), unit('Xã C', { base: null })],
      DEFAULT_AWARD_WEIGHTS,
      window,
      true,
    );
    expect(group.dropped).toEqual([{ criterion: 'perCapita', missing: ['Xã B', 'Xã C'] }]);
    expect(group.used).not.toContain('perCapita');
    expect(group.ranked.every((r) => !('perCapita' in r.points))).toBe(true);
    // Still measured for the one unit that has it (shown in the document), just not scored.
    expect(group.ranked.find((r) => r.figures.name === 'Xã A')!.measures.perCapita).toBe(100);
  });

  it('should count per 1,000 inhabitants for communes and per staff member for agencies', () => {
    expect(scorePeerGroup([unit('Xã A', { base: 2000, participants: 50 })], only('perCapita'), window, true).ranked[0]!.measures.perCapita).toBe(25);
    expect(scorePeerGroup([unit('Phòng A', { base: 40, participants: 30 })], only('perCapita'), window, false).ranked[0]!.measures.perCapita).toBe(0.75);
  });

  it('should rank the unit that reached N participants first highest on "early", and one that never did last', () => {
    const group = scorePeerGroup(
      [unit('Xã A', { earlyReachedAt: 3 * DAY }), unit('Xã B', { earlyReachedAt: null }), unit('Xã C', { earlyReachedAt: DAY })],
      only('early'),
      window,
      true,
    );
    expect(group.ranked.map((r) => [r.figures.name, r.measures.early, Math.round(r.total)])).toEqual([
      ['Xã C', 1, 100],
      ['Xã A', 3, 93],
      ['Xã B', 28, 0],
    ]);
  });

  it('should not propose a unit nobody from took part in, and propose at most the count asked', () => {
    const group = scorePeerGroup([unit('Xã A'), unit('Xã B', { participants: 0, registered: 0 }), unit('Xã C', { participants: 3 })], only('participants'), window, true);
    expect(proposeCollectives(group, 5).map((s) => s.figures.name)).toEqual(['Xã A', 'Xã C']);
    expect(proposeCollectives(group, 1).map((s) => s.figures.name)).toEqual(['Xã A']);
  });
});

describe('helpers', () => {
  it('should find when the n-th participant finished, or null with fewer', () => {
    expect(nthEarliest([50, 10, 30], 2)).toBe(30);
    expect(nthEarliest([50], 2)).toBeNull();
  });
  it('should count deleted mobilisers at or ahead of the last proposed one', () => {
    const rows = [{ invitedFinished: 5, invitedTotal: 6 }, { invitedFinished: 2, invitedTotal: 2 }, { invitedFinished: 0, invitedTotal: 4 }];
    expect(countMobilisersAhead(rows, { invitedFinished: 3, invitedTotal: 3 })).toBe(1);
    expect(countMobilisersAhead(rows, null)).toBe(2);
  });
});
