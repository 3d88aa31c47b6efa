import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkCampaignAgainstBank, loadCampaign } from '../config/campaign.ts';
import { envSchema, loadEnv } from '../config/env.ts';
import { FileValidationError } from '../config/yaml-file.ts';
import { formatProblem } from './quality-bank.ts';
import { RULES } from './quality.ts';
import { loadQuestionBank, type QuestionBank } from './questions.ts';
import { loadUnits } from './units.ts';

/**
 * `npm run questions:check [-- --strict] [campaign.yaml…]`: validates the question bank, then each campaign with its
 * unit lists — the files given, else CAMPAIGN_FILE when it is set to another file than the default, else every
 * campaign in campaigns/. Exits 1 on errors (the bot refuses such a bank) with file:line messages; with --strict also
 * on warnings.
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

function checkCampaign(file: string, bank: QuestionBank): void {
  const campaign = loadCampaign(file);
  const units = loadUnits(env.QUESTION_BANK_DIR, campaign.unitFiles);
  checkCampaignAgainstBank(file, campaign, bank.questions);
  const n = (kind: string) => units.filter((u) => u.kind === kind).length;
  const parents = campaign.unitFiles.parents ? `${n('parent')} ${campaign.labels.parent}, ` : '';
  console.log(`✓ ${file}: ${parents}${n('commune')} ${campaign.labels.commune} (${campaign.unitFiles.communes}), ${n('agency')} cơ quan/đơn vị`);
}

const rules = (severity: 'error' | 'warning') =>
  Object.entries(RULES)
    .filter(([, r]) => r.severity === severity)
    .map(([id]) => id)
    .join(', ');
console.log(`Lỗi (bot không chạy) / errors (the bot refuses the bank): ${rules('error')}`);
console.log(`Cảnh báo / warnings${strict ? ' (--strict: cũng là lỗi / fail too)' : ''}: ${rules('warning')}\n`);
try {
  const bank = loadQuestionBank(env.QUESTION_BANK_DIR);
  console.log(`✓ ${bank.questions.length} câu hỏi / questions in ${bank.topics.length} chủ đề / topics:`);
  for (const t of bank.topics) console.log(`  ${t.id.padEnd(8)} ${String(bank.questions.filter((q) => q.topic === t.id).length).padStart(4)}  ${t.name}`);
  let failed = false;
  for (const file of campaignFiles()) {
    try {
      checkCampaign(file, bank);
    } catch (err) {
      if (!(err instanceof FileValidationError)) throw err;
      console.error(err.message);
      failed = true;
    }
  }
  if (bank.warnings.length) {
    console.log(`\n⚠ ${bank.warnings.length} cảnh báo / warning(s):`);
    for (const w of bank.warnings) console.log(`  ${formatProblem(w)}`);
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
