import type { LevelLabels } from '../core/types.ts';

/** Helpers of the texts that name a unit level with the campaign's labels (not texts themselves). */

export const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** One unit of the level: "xã, thị trấn" → "xã/thị trấn". */
export const one = (l: LevelLabels) => l.commune.replace(/, /gu, '/');
