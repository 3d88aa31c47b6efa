import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCampaign } from '../../src/config/campaign.ts';
import { FileValidationError } from '../../src/config/yaml-file.ts';
import { rankIndividuals, type Ranked } from '../../src/core/ranking.ts';
import { awardPrizes, DEFAULT_PRIZES, isFinal, prizesOf, rankPage, type Contender } from '../../src/core/round-results.ts';
import { tempDir } from '../helpers/app.ts';

let id = 0;
const person = (score: number, over: Partial<Contender> = {}): Contender => ({
  participantId: ++id,
  name: `P${id}`,
  score,
  durationMs: 60_000,
  finishedAt: 1_000 + id,
  prediction: null,
  eligible: true,
  ...over,
});

const PRIZES = [
  { name: 'Giải nhất', count: 1 },
  { name: 'Giải nhì', count: 2 },
];

describe('round prizes (core)', () => {
  it('should give the prizes in order to eligible people, one each, skipping and counting the ineligible ahead', () => {
    const organiser = person(10, { eligible: false });
    const [a, b, c, d] = [person(9), person(8), person(7), person(6)];
    const excludedBehind = person(5, { eligible: false });
    const out = awardPrizes([d, c, organiser, b, a, excludedBehind], PRIZES);
    expect(out.winners.map((w) => [w.prize, w.rank, w.entry.name])).toEqual([
      ['Giải nhất', 2, a.name],
      ['Giải nhì', 3, b.name],
      ['Giải nhì', 4, c.name],
    ]);
    expect(out.leftOut).toBe(1);
  });

  it('should break equal scores by the prediction once the actual count is known, and leave prizes unfilled when people run out', () => {
    const far = person(10, { prediction: 9, durationMs: 10_000 });
    const near = person(10, { prediction: 3, durationMs: 90_000 });
    expect(awardPrizes([far, near], PRIZES).winners.map((w) => w.entry)).toEqual([far, near]);
    const out = awardPrizes([far, near], PRIZES, 3);
    expect(out.winners.map((w) => [w.prize, w.rank, w.entry])).toEqual([
      ['Giải nhất', 1, near],
      ['Giải nhì', 2, far],
    ]);
    expect(out.leftOut).toBe(0);
  });

  it('should rank page by page as the whole list is ranked, ties across a page boundary sharing the rank', () => {
    const tied = { durationMs: 5_000, finishedAt: 7, prediction: 2 };
    const all = [person(10), person(9, tied), person(9, tied), person(9, tied), person(8), person(7, tied), person(7, tied)];
    const whole = rankIndividuals(all, 2).map((r) => [r.entry.participantId, r.rank]);
    for (const size of [1, 2, 3]) {
      const paged: [number, number][] = [];
      let last: Ranked<Contender> | undefined;
      for (let at = 0; at < all.length; at += size) {
        const ranked = rankPage(all.slice(at, at + size), last, at + 1, 2);
        paged.push(...ranked.map((r): [number, number] => [r.entry.participantId, r.rank]));
        last = ranked.at(-1);
      }
      expect(paged).toEqual(whole);
    }
    expect(whole.map(([, rank]) => rank)).toEqual([1, 2, 2, 2, 5, 6, 6]);
  });

  it('should be final only after the close with nothing received before it pending; a round may override the prizes', () => {
    const round = { id: 'r', name: 'R', opensAt: 0, closesAt: 100, topics: { a: 1 } };
    expect(isFinal(round, 99, false)).toBe(false);
    expect(isFinal(round, 100, true)).toBe(false);
    expect(isFinal(round, 100, false)).toBe(true);
    const campaign = { rounds: [round], results: { prizes: PRIZES, exclude: [], announce: false } } as never;
    expect(prizesOf(campaign, round)).toBe(PRIZES);
    expect(prizesOf(campaign, { ...round, prizes: [{ name: 'Giải đặc biệt', count: 1 }] })).toEqual([{ name: 'Giải đặc biệt', count: 1 }]);
    expect(prizesOf({ rounds: [round] } as never, round)).toBe(DEFAULT_PRIZES);
  });
});

describe('results: in the campaign file', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it('should read prizes, exclusions and the announcement flag, and name file and line of a bad entry', () => {
    const c = loadCampaign('campaigns/bac-son-2023.yaml');
    expect(c.results!.prizes.map((p) => `${p.name} ×${p.count}`)).toEqual(['Giải nhất ×1', 'Giải nhì ×2', 'Giải ba ×3', 'Giải khuyến khích ×5']);
    expect(c.results!.announce).toBe(false);
    const file = join(dir.path, 'c.yaml');
    const shipped = readFileSync('campaigns/bac-son-2023.yaml', 'utf8');
    writeFileSync(file, shipped.replace('  exclude: []', '  exclude: ["telegram:123", "0912345678"]').replace('{ name: "Giải ba", count: 3 }', '{ name: "Giải nhì", count: 0 }'));
    const lineOf = (needle: string) => readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
    let problems = '';
    try {
      loadCampaign(file);
    } catch (err) {
      problems = (err as FileValidationError).problems.join('\n');
    }
    expect(problems).toContain(`c.yaml:${lineOf('0912345678')}: results.exclude[1]: tài khoản dạng kênh:mã`);
    expect(problems).toContain(`c.yaml:${lineOf('count: 0')}: results.prizes[2].count: mỗi giải có ít nhất 1 người`);
    expect(problems).toContain(`c.yaml:${lineOf('count: 0')}: results.prizes[2].name: trùng tên giải "Giải nhì"`);
  });
});
