/**
 * The checks `questions:check` runs on top of loading the bank (RULES marked `checkOnly`): the longest option, questions
 * that give others away, and sources. Their errors fail the check, never the bot's start or an import.
 */
import { checkGiveaways } from './giveaways.ts';
import { checkLongest } from './longest.ts';
import type { Problem } from './quality.ts';
import { locate, parseBankFiles, type QuestionBank } from './questions.ts';
import { checkSources } from './sources.ts';

/** Every check-only problem of the bank in `dir` (already loaded as `bank`), errors first. */
export function auditBank(dir: string, bank: QuestionBank): Problem[] {
  const { files } = parseBankFiles(dir);
  const entries = locate(files);
  const all = [...checkLongest(entries), ...checkGiveaways(entries, bank.pairs, bank.pairsFile), ...checkSources(dir, files)];
  return [...all.filter((p) => p.severity === 'error'), ...all.filter((p) => p.severity === 'warning')];
}
