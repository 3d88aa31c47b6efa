import { z } from 'zod';
import type { IntegritySettings } from '../core/integrity.ts';

/**
 * The optional `integrity:` block of a campaign file: the thresholds of the flags (src/core/integrity.ts). The
 * defaults and how they were chosen are in the README ("Results officials can defend").
 */
export const integritySchema = z
  .object({
    median_seconds_floor: z.number().min(0).max(60).default(3),
    attempt_seconds_per_question_floor: z.number().min(0).max(60).default(2.5),
    min_fresh_questions: z.number().int().min(1).max(50).default(3),
    twin_min_shared_wrong: z.number().int().min(1).max(50).default(2),
    twin_pace_seconds: z.number().min(0).max(60).default(2),
    phone_people: z.number().int().min(2).max(50).default(2),
    burst_count: z.number().int().min(2).max(1000).default(10),
    burst_minutes: z.number().int().min(1).max(240).default(10),
    night_from_hour: z.number().int().min(0).max(23).default(0),
    night_to_hour: z.number().int().min(0).max(23).default(5),
    padding_share: z.number().min(0).max(1).default(0.5),
    padding_min: z.number().int().min(1).max(100_000).default(20),
  })
  .strict();

export const DEFAULT_INTEGRITY: IntegritySettings = toIntegritySettings(integritySchema.parse({}));

export function toIntegritySettings(i: z.output<typeof integritySchema> | undefined): IntegritySettings {
  if (!i) return DEFAULT_INTEGRITY;
  return {
    medianSecondsFloor: i.median_seconds_floor,
    attemptSecondsPerQuestionFloor: i.attempt_seconds_per_question_floor,
    minFreshQuestions: i.min_fresh_questions,
    twinMinSharedWrong: i.twin_min_shared_wrong,
    twinPaceSeconds: i.twin_pace_seconds,
    phonePeople: i.phone_people,
    burstCount: i.burst_count,
    burstMinutes: i.burst_minutes,
    nightFromHour: i.night_from_hour,
    nightToHour: i.night_to_hour,
    paddingShare: i.padding_share,
    paddingMin: i.padding_min,
  };
}
