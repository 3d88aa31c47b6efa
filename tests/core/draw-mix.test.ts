import { describe, expect, it } from 'vitest';
import { loadQuestionBank } from '../../src/bank/questions.ts';
import { apportion, drawQuestions } from '../../src/core/draw.ts';
import { seededRandom } from '../../src/core/random.ts';
import type { Difficulty, Question, Round } from '../../src/core/types.ts';

const bank = loadQuestionBank('question-bank').questions;
const round = (extra: Partial<Round>): Round => ({ id: 'r', name: 'R', opensAt: 0, closesAt: 1, topics: { qd749: 4, qd942: 2, qd411: 2, nq49: 1, cuocthi: 1 }, ...extra });
const tally = (qs: Question[], key: (q: Question) => string) => qs.reduce<Record<string, number>>((acc, q) => ({ ...acc, [key(q)]: (acc[key(q)] ?? 0) + 1 }), {});

describe('apportion (difficulty shares)', () => {
  it('should split a total by weights with the largest remainder', () => {
    expect(apportion({ a: 4, b: 2, c: 2, d: 1, e: 1 }, 10)).toEqual({ a: 4, b: 2, c: 2, d: 1, e: 1 });
    expect(apportion({ easy: 1, medium: 1, hard: 1 }, 10)).toEqual({ easy: 4, medium: 3, hard: 3 });
    expect(apportion({ easy: 0, hard: 1 }, 3)).toEqual({ hard: 3 });
  });
});

describe('question draw on the shipped bank', () => {
  it('should follow the topic mix', () => {
    const drawn = drawQuestions(bank, round({}), 10, seededRandom(1));
    expect(new Set(drawn.map((q) => q.id)).size).toBe(10);
    expect(tally(drawn, (q) => q.topic)).toEqual({ qd749: 4, qd942: 2, qd411: 2, nq49: 1, cuocthi: 1 });
  });

  it('should follow the topic mix and the difficulty mix of the whole attempt at once', () => {
    const r = round({ difficulties: { easy: 1, medium: 1, hard: 1 } });
    for (let seed = 1; seed <= 50; seed++) {
      const drawn = drawQuestions(bank, r, 10, seededRandom(seed));
      expect(new Set(drawn.map((q) => q.id)).size).toBe(10);
      expect(tally(drawn, (q) => q.topic)).toEqual({ qd749: 4, qd942: 2, qd411: 2, nq49: 1, cuocthi: 1 });
      expect(tally(drawn, (q) => q.difficulty)).toEqual({ easy: 4, medium: 3, hard: 3 });
    }
  });

  it('should not tie a one-question topic to one difficulty', () => {
    const r = round({ difficulties: { easy: 1, medium: 1, hard: 1 } });
    const seen = new Set<Difficulty>();
    for (let seed = 1; seed <= 60; seed++) seen.add(drawQuestions(bank, r, 10, seededRandom(seed)).find((q) => q.topic === 'nq49')!.difficulty);
    expect([...seen].sort()).toEqual(['easy', 'hard', 'medium']);
  });

  it('should draw only the difficulty asked for when the bank has enough', () => {
    const drawn = drawQuestions(bank, round({ difficulties: { hard: 1 } }), 10, seededRandom(7));
    expect(drawn.every((q) => q.difficulty === 'hard')).toBe(true);
    expect(tally(drawn, (q) => q.topic)).toEqual({ qd749: 4, qd942: 2, qd411: 2, nq49: 1, cuocthi: 1 });
  });

  it('should keep the topic mix when a topic lacks a difficulty, then fill from the rest', () => {
    const noHardDti = bank.filter((q) => !(q.topic === 'dti' && q.difficulty === 'hard'));
    const drawn = drawQuestions(noHardDti, round({ topics: { dti: 1 }, difficulties: { hard: 1 } }), 10, seededRandom(3));
    expect(drawn).toHaveLength(10);
    expect(drawn.every((q) => q.topic === 'dti' && q.difficulty !== 'hard')).toBe(true);
  });

  it('should draw only from the round question set', () => {
    const ids = bank.slice(0, 12).map((q) => q.id);
    const drawn = drawQuestions(bank, round({ topics: { qd411: 1 }, questionIds: ids, difficulties: { easy: 1, hard: 1 } }), 10, seededRandom(5));
    expect(drawn.every((q) => ids.includes(q.id))).toBe(true);
  });

  it('should draw the same questions for the same seed', () => {
    const r = round({ difficulties: { easy: 2, medium: 2, hard: 1 } });
    expect(drawQuestions(bank, r, 10, seededRandom(9)).map((q) => q.id)).toEqual(drawQuestions(bank, r, 10, seededRandom(9)).map((q) => q.id));
  });
});
