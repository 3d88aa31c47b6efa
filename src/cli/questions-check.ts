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
  const parents = campaign.unitFiles.parents ? `${n('parent')} ${campaign.labels.parent}, ` : '';
  const withPopulation = units.filter((u) => u.kind === 'commune' && u.population !== null).length;
  console.log(`✓ ${file}: ${parents}${n('commune')} ${campaign.labels.commune} (${campaign.unitFiles.communes}), ${n('agency')} cơ quan/đơn vị; số dân / population: ${withPopulation}/${n('commune')}`);
  // units/officials.csv names units of the campaign the bot runs.
  if (file === env.CAMPAIGN_FILE) console.log(`✓ ${loadOfficialsFile(env.QUESTION_BANK_DIR, units).length} cán bộ đơn vị / unit officials`);
  return populationWarnings(env.QUESTION_BANK_DIR, file, campaign, units);
}

const rules = (severity: 'error' | 'warning', checkOnly: boolean) =>
  Object.entries(RULES)
    .filter(([, r]) => r.severity === severity && ('checkOnly' in r) === checkOnly)
    .map(([id]) => id)
    .join(', ');
console.log(`Lỗi (bot không chạy) / errors (the bot refuses the bank): ${rules('error', false)}`);
console.log(`Lỗi của lệnh kiểm tra này (bot vẫn chạy) / errors of this check only: ${rules('error', true)}`);
console.log(`Cảnh báo / warnings${strict ? ' (--strict: cũng là lỗi / fail too)' : ''}: ${rules('warning', false)}, ${rules('warning', true)}\n`);
try {
  const bank = loadQuestionBank(env.QUESTION_BANK_DIR);
  console.log(`✓ ${bank.questions.length} câu hỏi / questions in ${bank.topics.length} chủ đề / topics:`);
  for (const t of bank.topics) console.log(`  ${t.id.padEnd(8)} ${String(bank.questions.filter((q) => q.topic === t.id).length).padStart(4)}  ${t.name}`);
  const longest = longestFigures(bank.questions);
  console.log(
    `  phương án dài nhất là đáp án / uniquely longest option is the key: ${formatShare(longest)} ` +
      `(tối đa / at most ${LONGEST.overall * 100}%, mỗi tệp / per file ${LONGEST.perFile * 100}%: npm run questions -- report)`,
  );
  console.log(`  ${bank.pairs.length} cặp câu không rút chung một lượt / pairs kept apart (${bank.pairsFile})`);
  const audit = auditBank(env.QUESTION_BANK_DIR, bank);
  const errors = audit.filter((p) => p.severity === 'error');
  let failed = errors.length > 0;
  if (errors.length) {
    console.error(`\n✗ ${errors.length} lỗi / error(s):`);
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
    console.log(`\n⚠ ${warnings.length} cảnh báo / warning(s):`);
    for (const w of warnings) console.log(`  ${formatProblem(w)}`);
    if (strict) failed = true;
  } else {
    console.log('✓ không có cảnh báo / no warnings');
  }
  if (failed) process.exit(1);
} catch (err) {
  if (!(err instanceof FileValidationError)) throw err;
  console.error(err.message);
  process.exit(1);
}
