import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkCampaignAgainstBank, loadCampaign } from '../config/campaign.ts';
import { envSchema, loadEnv } from '../config/env.ts';
import { FileValidationError } from '../config/yaml-file.ts';
import { auditBank } from '../bank/audit.ts';
import { LONGEST, formatShare, longestFigures } from '../bank/longest.ts';
import { formatProblem } from '../bank/quality-bank.ts';
import { RULES, type Problem } from '../bank/quality.ts';
import { loadQuestionBank, type QuestionBank } from '../bank/questions.ts';
import { loadUnits, populationWarnings } from '../bank/units.ts';
import { loadOfficialsFile } from '../bank/officials.ts';
import { viOperator } from '../messages/operator.ts';

const T = viOperator.check;

/**
 * `npm run questions:check [-- --strict] [campaign.yaml…]`: validates the question bank, then each campaign with its
 * unit lists — the files given, else CAMPAIGN_FILE when it is set to another file than the default, else every
 * campaign in campaigns/. Exits 1 on errors (the bot refuses such a bank, or — for the check-only rules — the bank
 * fails this check) with file:line messages; with --strict also on warnings.
 */
const args = process.argv.slice(2);
const strict = args.includes('--strict');
const env = loadEnv();

function campaignFiles(): string[] {
  const given = args.filter((a) => !a.startsWith('--'));
  if (given.length) return given;
  if (env.CAMPAIGN_FILE !== envSchema.parse({}).CAMPAIGN_FILE) return [env.CAMPAIGN_FILE];
  return readdirSync('campaigns').filter((f) => /\.ya?ml$/u.test(f)).sort().map((f) => join('campaigns', f));
}

/** Checks one campaign; returns its warnings (throws FileValidationError on errors). */
function checkCampaign(file: string, bank: QuestionBank): Problem[] {
  const campaign = loadCampaign(file);
  const units = loadUnits(env.QUESTION_BANK_DIR, campaign.unitFiles);
  checkCampaignAgainstBank(file, campaign, bank.questions);
  const n = (kind: string) => units.filter((u) => u.kind === kind).length;
  const parents = campaign.unitFiles.parents ? T.parents(n('parent'), campaign.labels.parent) : '';
  const withPopulation = units.filter((u) => u.kind === 'commune' && u.population !== null).length;
  console.log(T.campaign(file, parents, n('commune'), campaign.labels.commune, campaign.unitFiles.communes, n('agency'), withPopulation));
  // units/officials.csv names units of the campaign the bot runs.
  if (file === env.CAMPAIGN_FILE) console.log(T.officials(loadOfficialsFile(env.QUESTION_BANK_DIR, units).length));
  return populationWarnings(env.QUESTION_BANK_DIR, file, campaign, units);
}

const rules = (severity: 'error' | 'warning', checkOnly: boolean) =>
  Object.entries(RULES)
    .filter(([, r]) => r.severity === severity && ('checkOnly' in r) === checkOnly)
    .map(([id]) => id)
    .join(', ');
console.log(T.errorRules(rules('error', false)));
console.log(T.checkOnlyRules(rules('error', true)));
console.log(T.warningRules(strict, `${rules('warning', false)}, ${rules('warning', true)}`));
try {
  const bank = loadQuestionBank(env.QUESTION_BANK_DIR);
  console.log(T.bank(bank.questions.length, bank.topics.length));
  for (const t of bank.topics) console.log(`  ${t.id.padEnd(8)} ${String(bank.questions.filter((q) => q.topic === t.id).length).padStart(4)}  ${t.name}`);
  const longest = longestFigures(bank.questions);
  console.log(T.longest(formatShare(longest), LONGEST.overall * 100, LONGEST.perFile * 100));
  console.log(T.pairs(bank.pairs.length, bank.pairsFile));
  const audit = auditBank(env.QUESTION_BANK_DIR, bank);
  const errors = audit.filter((p) => p.severity === 'error');
  let failed = errors.length > 0;
  if (errors.length) {
    console.error(T.errors(errors.length));
    for (const e of errors) console.error(`  ${formatProblem(e)}`);
  }
  const warnings = [...bank.warnings, ...audit.filter((p) => p.severity === 'warning')];
  for (const file of campaignFiles()) {
    try {
      warnings.push(...checkCampaign(file, bank));
    } catch (err) {
      if (!(err instanceof FileValidationError)) throw err;
      console.error(err.message);
      failed = true;
    }
  }
  if (warnings.length) {
    console.log(T.warnings(warnings.length));
    for (const w of warnings) console.log(`  ${formatProblem(w)}`);
    if (strict) failed = true;
  } else {
    console.log(T.noWarnings);
  }
  if (failed) process.exit(1);
} catch (err) {
  if (!(err instanceof FileValidationError)) throw err;
  console.error(err.message);
  process.exit(1);
}
