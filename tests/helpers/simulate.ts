import type { App } from '../../src/app.ts';
import type { Random } from '../../src/core/random.ts';
import { answerQuestion, startOrResume } from '../../src/services/quiz.ts';
import type { AttemptItem } from '../../src/core/types.ts';
import { registerSynthetic } from './participants.ts';

/** Chance that a synthetic participant answers right, by difficulty. */
const SKILL = { easy: 0.85, medium: 0.65, hard: 0.45 } as const;

export interface SimulationOptions {
  participants: number;
  /** Attempts each person makes in each round (at most the campaign's allowance). */
  attemptsPerRound: number;
  random: Random;
  /** Moves the app's clock; the simulation sets it inside each round in turn. */
  setNow: (at: number) => void;
}

/** Picks a wrong option: the first wrong option in the file is the most tempting (weights 3, 2, 1, …). */
function wrongChoice(shownCount: number, correctShown: number, random: Random): number {
  const wrong = Array.from({ length: shownCount }, (_, i) => i).filter((i) => i !== correctShown);
  const weights = wrong.map((_, k) => wrong.length - k);
  let r = random() * weights.reduce((a, b) => a + b, 0);
  for (let k = 0; k < wrong.length; k++) if ((r -= weights[k]!) < 0) return wrong[k]!;
  return wrong[wrong.length - 1]!;
}

/**
 * Registers synthetic participants across the communes and plays attempts through the quiz service in every round,
 * answering right with a chance that depends on the question's difficulty. Returns the number of answers given.
 */
export async function simulateContest(app: App, options: SimulationOptions): Promise<{ attempts: number; answers: number }> {
  const communes = app.deps.units.filter((u) => u.kind === 'commune');
  const byId = new Map(app.bank.questions.map((q) => [q.id, q]));
  const people = [];
  for (let n = 1; n <= options.participants; n++) people.push(await registerSynthetic(app.db, n, communes[n % communes.length]!.code, app.campaign.opensAt));
  let attempts = 0;
  let answers = 0;
  for (const round of app.campaign.rounds) {
    let clock = round.opensAt + 3600_000;
    for (const person of people) {
      for (let a = 0; a < options.attemptsPerRound; a++) {
        options.setNow((clock += 60_000));
        const started = await startOrResume(app.deps, person.id);
        if (started.kind !== 'question') break;
        attempts++;
        for (let item: AttemptItem | undefined = started.item; item; ) {
          const skill = SKILL[byId.get(item.questionId)?.difficulty ?? 'medium'];
          const choice = options.random() < skill ? item.correctShown : wrongChoice(item.shownOptions.length, item.correctShown, options.random);
          options.setNow((clock += 20_000));
          const result = await answerQuestion(app.deps, person.id, choice, { attemptId: started.attempt.id, position: item.position });
          answers++;
          item = result.kind === 'next' ? result.item : undefined;
        }
      }
    }
  }
  return { attempts, answers };
}
