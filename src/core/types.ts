/** Shared shapes of the quiz core. Times are epoch milliseconds (UTC). */
import type { AwardSettings } from './awards.ts';
import type { ReminderSettings } from './reminder-slots.ts';

export type TopicMix = Record<string, number>;
export type Difficulty = 'easy' | 'medium' | 'hard';

export interface Round {
  id: string;
  name: string;
  opensAt: number;
  closesAt: number;
  /** Weights per topic id; the draw splits questionsPerAttempt in these proportions. */
  topics: TopicMix;
  /** Optional weights per difficulty, applied inside each topic's share. */
  difficulties?: Partial<Record<Difficulty, number>>;
  /** When set, only these question ids can be drawn in this round. */
  questionIds?: string[];
}

export interface Campaign {
  id: string;
  title: string;
  organiser: string;
  timezone: string;
  opensAt: number;
  closesAt: number;
  rounds: Round[];
  questionsPerAttempt: number;
  attemptsPerRound: number;
  attemptMinutes: number;
  predictionQuestion: string;
  /** True for the generated demo campaign shown to newcomers. */
  demo: boolean;
  /** Reminder schedule and per-channel send rates; defaults when the campaign file has no `reminders:` block. */
  reminders?: ReminderSettings;
  /** Reward proposal criteria and form; defaults when the campaign file has no `awards:` block. */
  awards?: AwardSettings;
}

export interface Question {
  id: string;
  topic: string;
  difficulty: Difficulty;
  text: string;
  options: string[];
  /** Index into options. */
  correct: number;
  explanation: string;
  source: string;
}

export interface Unit {
  code: string;
  kind: 'commune' | 'agency';
  name: string;
  group: string;
  population: number | null;
  /** Agencies: staff headcount (optional `staff` column), the base of "participants per staff". */
  staff?: number | null;
}
