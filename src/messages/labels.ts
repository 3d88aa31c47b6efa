import type { LevelLabels } from '../core/types.ts';

/** Helpers of the texts that name a unit level with the campaign's labels (not texts themselves). */

export const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** One unit of the level: "xã, thị trấn" → "xã/thị trấn". */
export const one = (l: LevelLabels) => l.commune.replace(/, /gu, '/');
/** A help text's command lines, in the order its keys are written (one command's entry may hold several lines, or none). */
export const commandLines = (help: Readonly<Record<string, string | readonly string[]>>): string[] => Object.values(help).flat();
