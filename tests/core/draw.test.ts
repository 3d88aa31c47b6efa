import { describe, expect, it } from 'vitest';
import { apportion, drawQuestions, shuffleOptionOrder } from '../../src/core/draw.ts';
import { seededRandom } from '../../src/core/random.ts';
import type { Question, Round } from '../../src/core/types.ts';

const bank: Question[] = ['t1', 't2', 't3'].flatMap((topic) =>
  Array.from({ length: 8 }, (_, i) => ({
    id: `${topic}-${String(i).padStart(3, '0')}`,
    topic,
    difficulty: (['easy', 'medium', 'hard'] as const)[i % 3]!,
    text: `${topic} q${i}`,
    options: ['a', 'b', 'c', 'd'],
    correct: 0,
    explanation: 'x',
    source: 'y',
  })),
);
const round: Round = { id: 'r', name: 'R', opensAt: 0, closesAt: 1, topics: { t1: 5, t2: 3, t3: 2 } };

describe('question draw', () => {
  it('should split the attempt by the topic mix', () => {
    const drawn = drawQuestions(bank, round, 10, seededRandom(1));
    const count = (t: string) => drawn.filter((q) => q.topic === t).length;
    expect([count('t1'), count('t2'), count('t3')]).toEqual([5, 3, 2]);
    expect(new Set(drawn.map((q) => q.id)).size).toBe(10);
  });

  it('should make up a topic that is too small from the other topics', () => {
    const drawn = drawQuestions(bank, { ...round, topics: { t1: 1, t2: 9 } }, 12, seededRandom(2));
    expect(drawn).toHaveLength(12);
    expect(drawn.filter((q) => q.topic === 't2')).toHaveLength(8);
  });

  it('should follow a difficulty mix inside each topic', () => {
    const drawn = drawQuestions(bank, { ...round, topics: { t1: 1 }, difficulties: { easy: 1, hard: 1 } }, 4, seededRandom(3));
    expect(drawn.filter((q) => q.difficulty === 'easy')).toHaveLength(2);
    expect(drawn.filter((q) => q.difficulty === 'hard')).toHaveLength(2);
  });

  it('should draw only from a round question set when one is given', () => {
    const ids = bank.slice(0, 6).map((q) => q.id);
    const drawn = drawQuestions(bank, { ...round, questionIds: ids }, 5, seededRandom(4));
    expect(drawn.every((q) => ids.includes(q.id))).toBe(true);
  });

  it('should give the same draw for the same seed and a different one for another seed', () => {
    const ids = (seed: number) => drawQuestions(bank, round, 10, seededRandom(seed)).map((q) => q.id);
    expect(ids(7)).toEqual(ids(7));
    expect(ids(7)).not.toEqual(ids(8));
  });

  it('should refuse when the pool is smaller than an attempt', () => {
    expect(() => drawQuestions(bank, { ...round, questionIds: ['t1-000'] }, 10, seededRandom(1))).toThrow(/only 1 questions/u);
  });

  it('should shuffle options as a permutation', () => {
    expect([...shuffleOptionOrder(4, seededRandom(5))].sort()).toEqual([0, 1, 2, 3]);
  });

  it('should apportion by largest remainder', () => {
    expect(apportion({ a: 1, b: 1, c: 1 }, 10)).toEqual({ a: 4, b: 3, c: 3 });
  });
});
