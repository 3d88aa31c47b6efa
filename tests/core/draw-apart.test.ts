import { describe, expect, it } from 'vitest';
import { loadQuestionBank } from '../../src/bank/questions.ts';
import { loadCampaign } from '../../src/config/campaign.ts';
import { drawQuestions } from '../../src/core/draw.ts';
import { seededRandom } from '../../src/core/random.ts';
import type { Question, Round } from '../../src/core/types.ts';

const q = (topic: string, i: number, difficulty: Question['difficulty'] = 'easy'): Question => ({
  id: `${topic}-${String(i).padStart(3, '0')}`,
  topic,
  difficulty,
  text: `${topic} ${i}`,
  options: ['a', 'b'],
  correct: 0,
  explanation: 'x',
  source: 'y',
});
const apart = (bank: Question[], pairs: [string, string][]) =>
  bank.map((x) => ({ ...x, apart: pairs.flatMap(([a, b]) => (a === x.id ? [b] : b === x.id ? [a] : [])) }));
const together = (drawn: Question[], pairs: [string, string][]) => pairs.filter(([a, b]) => drawn.some((x) => x.id === a) && drawn.some((x) => x.id === b));
const round: Round = { id: 'r', name: 'R', opensAt: 0, closesAt: 1, topics: { t1: 3, t2: 1 } };

describe('questions kept apart', () => {
  // t1 has 5 questions and needs 3: two pairs inside t1 leave exactly enough.
  const pairs: [string, string][] = [
    ['t1-001', 't1-002'],
    ['t1-003', 't1-004'],
    ['t2-001', 't1-005'],
  ];
  const bank = apart([1, 2, 3, 4, 5].map((i) => q('t1', i, i % 2 ? 'easy' : 'hard')).concat([1, 2, 3].map((i) => q('t2', i))), pairs);

  it('should never draw both questions of a pair, whatever the seed, and still fill the attempt', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const drawn = drawQuestions(bank, round, 4, seededRandom(seed));
      expect(together(drawn, pairs)).toEqual([]);
      expect(new Set(drawn.map((x) => x.id)).size).toBe(4);
    }
  });

  it('should keep pairs apart with a difficulty mix and with a fixed list', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const mixed = drawQuestions(bank, { ...round, difficulties: { easy: 1, hard: 1 } }, 4, seededRandom(seed));
      expect(together(mixed, pairs)).toEqual([]);
      expect(mixed).toHaveLength(4);
      const listed = drawQuestions(bank, { ...round, questionIds: ['t1-001', 't1-002', 't1-003', 't2-001', 't1-005'] }, 3, seededRandom(seed));
      expect(together(listed, pairs)).toEqual([]);
      expect(listed).toHaveLength(3);
    }
  });

  it('should draw as before when no question is kept apart', () => {
    const plain = bank.map(({ apart: _, ...x }) => x);
    expect(drawQuestions(plain, round, 4, seededRandom(7)).map((x) => x.id)).toEqual(drawQuestions(bank.map((x) => ({ ...x, apart: [] })), round, 4, seededRandom(7)).map((x) => x.id));
  });

  it('should refuse when the pool cannot fill an attempt without a pair', () => {
    expect(() => drawQuestions(bank, { ...round, questionIds: ['t1-001', 't1-002', 't1-003', 't1-004'] }, 3, seededRandom(1))).toThrow(/only 2 questions can share an attempt, 3 needed/u);
  });

  it('should keep the shipped bank\u2019s pairs apart in every round of both campaigns', () => {
    const shipped = loadQuestionBank('question-bank');
    const listed = shipped.pairs.map((p): [string, string] => [p.a, p.b]);
    expect(listed.length).toBeGreaterThan(0);
    for (const file of ['campaigns/bac-son-2023.yaml', 'campaigns/lang-son-2025.yaml']) {
      const campaign = loadCampaign(file);
      for (const r of campaign.rounds) {
        for (let seed = 1; seed <= 150; seed++) {
          const drawn = drawQuestions(shipped.questions, r, campaign.questionsPerAttempt, seededRandom(seed));
          expect(together(drawn, listed)).toEqual([]);
          expect(drawn).toHaveLength(campaign.questionsPerAttempt);
        }
      }
    }
  });
});
